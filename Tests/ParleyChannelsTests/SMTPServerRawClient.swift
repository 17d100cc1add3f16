import Foundation
import ParleyTestSupport

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A blocking TCP client on loopback; its reads run off the Swift concurrency pool.
final class RawSMTPClient: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        descriptor = try LoopbackSocket.connect(port: port)
        // Only a safety net, so that a broken server fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func write(_ text: String) async {
        let bytes = Array(text.utf8)
        await OffPool.run { _ = bytes.withUnsafeBytes { send(self.descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
    }

    /// The next whole reply (every line of a multi-line one), or nil once the server has closed.
    func readReply() async -> String? {
        await OffPool.run {
            var lines = ""
            while true {
                guard let newline = self.buffer.firstIndex(of: UInt8(ascii: "\n")) else {
                    guard self.fill() else { return nil }
                    continue
                }
                let line = String(decoding: self.buffer[...newline], as: UTF8.self)
                self.buffer.removeSubrange(...newline)
                lines += line
                if line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-" { return lines }
            }
        }
    }

    /// Everything until the server closes the connection.
    func readToEnd() async -> [UInt8] {
        await OffPool.run {
            while self.fill() {}
            defer { self.buffer = [] }
            return self.buffer
        }
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk.prefix(count)
        return true
    }
}
