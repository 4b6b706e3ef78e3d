import GongshiStore

enum CreditCodeValidation {
    static func validate(_ text: String) throws(CreditCode.Problem) -> String {
        try CreditCode(validating: text).value
    }
}
