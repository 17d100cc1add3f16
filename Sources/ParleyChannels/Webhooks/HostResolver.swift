import ParleyCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every address a host name resolves to, by the system's resolver (so `/etc/hosts` counts). It
/// blocks: `HTTPWebhookSender` calls it on NIO's thread pool.
enum HostResolver {
    static func resolve(_ host: String) -> Result<[IPAddress], WebhookSendError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let list else {
            return .failure(.unreachable("cannot resolve \(host): \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            // The address is read at its offset in sockaddr_in (4) and sockaddr_in6 (8), the same on
            // every platform, rather than through field names NIO's C module declares a second time.
            if let socketAddress = current.pointee.ai_addr {
                let raw = UnsafeRawPointer(socketAddress)
                switch current.pointee.ai_family {
                case AF_INET:
                    if let address = IPAddress(bytes: Array(UnsafeRawBufferPointer(start: raw + 4, count: 4))) { addresses.append(address) }
                case AF_INET6:
                    if let address = IPAddress(bytes: Array(UnsafeRawBufferPointer(start: raw + 8, count: 16))) {
                        addresses.append(address)
                    }
                default: break
                }
            }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(.unreachable("\(host) has no address")) }
        return .success(addresses)
    }
}
