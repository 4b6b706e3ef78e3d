/// `/api/`: every endpoint of the API for people, with an example request and the start of
/// its real response.
struct APIPage: PageModel {
    static let template = "api"

    struct Endpoint: Encodable {
        let anchor: String
        let method: String
        let path: String
        let title: String
        let description: String
        let page: String?
        let parameters: [APIReference.Parameter]
        let hasParameters: Bool
        let example: String?
        /// Pretty-printed JSON, abridged.
        let response: String?
        let note: String?

        func encode(to encoder: any Encoder) throws {
            // Every key written (null when absent), so a missing one never reads an outer value.
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(anchor, forKey: .anchor)
            try c.encode(method, forKey: .method)
            try c.encode(path, forKey: .path)
            try c.encode(title, forKey: .title)
            try c.encode(description, forKey: .description)
            try c.encode(page, forKey: .page)
            try c.encode(parameters, forKey: .parameters)
            try c.encode(hasParameters, forKey: .hasParameters)
            try c.encode(example, forKey: .example)
            try c.encode(response, forKey: .response)
            try c.encode(note, forKey: .note)
        }
        enum CodingKeys: String, CodingKey {
            case anchor, method, path, title, description, page, parameters, hasParameters, example, response, note
        }
    }

    let endpoints: [Endpoint]
    let openapiURL: String
}
