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
        // A page past the last one (page=100 of 3) still gets the bar of the last pages,
        // never an empty range (which traps). (The same fix as on branch faults.)
        let low = max(1, min(page, count) - 4)
        let high = min(count, max(page + 4, low + 8))
        guard low <= high else { return [] }
        return (low...high).map { ($0, url($0), $0 == page) }
    }
}
