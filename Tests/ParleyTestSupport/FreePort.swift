import Synchronization

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A loopback TCP port nobody listens on, for a server a test starts. Chosen below the kernel's
/// ephemeral range (32768 and up on Linux), where outgoing connections would otherwise take it
/// between the pick and the bind, and never handed out twice in one test run: tests run in
/// parallel, and two picks of the same port before either server binds it collided.
public enum FreePort {
    private static let handedOut = Mutex<Set<Int>>([])

    public static func pick() -> Int {
        while true {
            let port = Int.random(in: 10_000..<32_000)
            guard handedOut.withLock({ $0.insert(port).inserted }) else { continue }
            if isFree(port) { return port }
        }
    }

    private static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
