import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A plain TCP connection to a server on 127.0.0.1, for tests that speak bytes (or none) themselves.
public enum LoopbackSocket {
    /// Could not connect to the port.
    public struct CannotConnect: Error {}

    /// The descriptor of a new connection to 127.0.0.1:`port`; the caller closes it.
    public static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw CannotConnect() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                    Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #else
                    Darwin.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                #endif
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw CannotConnect()
        }
        return descriptor
    }
}
