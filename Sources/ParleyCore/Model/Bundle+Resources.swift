import Foundation

extension Bundle {
    /// The folder of a target's copied `Resources` that holds `marker`.
    ///
    /// Foundation on Linux reports the copied `Resources` folder itself as the resource URL; Darwin its parent.
    public func resourceFolder(containing marker: String) -> URL? {
        guard let base = resourceURL else { return nil }
        return [base, base.appendingPathComponent("Resources")].first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent(marker).path)
        }
    }
}
