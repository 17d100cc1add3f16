import Foundation
import Hummingbird
import NIOCore

/// The agent application's stylesheet and scripts, read once from the binary's resources and
/// served with a version in the URL so browsers may keep them.
struct AppAssets: Sendable {
    let files: [String: (contentType: String, body: ByteBuffer)]
    /// Changes whenever an asset does, so a new build is never served a stale copy.
    let version: String

    init(resources: URL) throws {
        let folder = resources.appendingPathComponent("assets")
        var files: [String: (contentType: String, body: ByteBuffer)] = [:]
        // FNV-1a: the same on every node and every start, unlike `Hasher`.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let type =
                name.hasSuffix(".css")
                ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
            files[name] = (type, ByteBuffer(bytes: data))
            for byte in Data(name.utf8) + data {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        self.files = files
        version = String(hash, radix: 36)
    }
}
