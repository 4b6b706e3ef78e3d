/// Page numbers around the current page, for the pagination bar.
struct Pagination {
    let count: Int
    let page: Int

    init(total: Int, page: Int, pageSize: Int, maxPages: Int) {
        count = min(max((total + pageSize - 1) / max(pageSize, 1), 1), maxPages)
        self.page = page
    }

    func links(_ url: (Int) -> String) -> [[String: Any]] {
        guard count > 1 else { return [] }
        // A page past the last one (page=100 of 3) still gets the bar of the last pages,
        // never an empty range (which traps).
        let low = max(1, min(page, count) - 4), high = min(count, max(page + 4, low + 8))
        guard low <= high else { return [] }
        return (low...high).map { ["number": $0, "url": url($0), "current": $0 == page] }
    }

    /// Sets the pagination bar of a list page (`pages`, `hasPages`): links to `path` with
    /// `parameters` (any `page` among them replaced) and the page number.
    static func add(to context: inout [String: Any], total: Int, page: Int, pageSize: Int, maxPages: Int,
                    path: String, parameters: [(String, String?)]) {
        let kept = parameters.filter { $0.0 != "page" }
        let links = Pagination(total: total, page: page, pageSize: pageSize, maxPages: maxPages).links { number in
            URLBuilder.url(path, kept + [("page", number > 1 ? "\(number)" : nil)])
        }
        context["pages"] = links
        context["hasPages"] = !links.isEmpty
    }
}
