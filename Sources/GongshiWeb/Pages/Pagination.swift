/// Page numbers around the current page, for the pagination bar.
struct Pagination {
    let count: Int
    let page: Int

    init(total: Int, page: Int, pageSize: Int, maxPages: Int) {
        count = min(max((total + pageSize - 1) / max(pageSize, 1), 1), maxPages)
        self.page = page
    }

    func links(_ url: (Int) -> String) -> [(number: Int, url: String, current: Bool)] {
        guard count > 1 else { return [] }
        let low = max(1, page - 4), high = min(count, max(page + 4, low + 8))
        return (low...high).map { ($0, url($0), $0 == page) }
    }
}
