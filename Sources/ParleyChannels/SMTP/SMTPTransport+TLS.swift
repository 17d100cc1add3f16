import NIOCore
import NIOSSL
import ParleyCore

extension SMTPTransport {
    /// How the connection to the server is encrypted.
    public enum TLSMode: String, Sendable {
        /// Never: for a relay on the same host. A password is refused rather than sent in the clear.
        case none
        /// STARTTLS (RFC 3207) when the server offers it, in the clear when it does not; the default
        /// for `smtp://` without credentials.
        case opportunistic
        /// STARTTLS, or a permanent failure before anything of the message is sent; the default
        /// whenever credentials are configured.
        case required
        /// TLS from the first byte (RFC 8314, `smtps://`, port 465).
        case implicit
    }

    /// A client context that checks the server's certificate against the system's authorities and
    /// those in `trustedCAFile`.
    func makeTLSContext() throws(TransportError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let trustedCAFile { configuration.additionalTrustRoots = [.file(trustedCAFile)] }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .permanent(trustedCAFile.map { "cannot trust the certificates in \($0): \(error)" } ?? "cannot set up TLS: \(error)")
        }
    }

    /// Puts TLS at the socket end of `channel`'s pipeline; call it on the channel's event loop.
    func addTLS(to channel: any NIOCore.Channel, context: NIOSSLContext) throws {
        // SNI cannot carry an IP address; without a name NIOSSL matches the certificate to the peer's address.
        let serverHostname = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        try channel.pipeline.syncOperations.addHandler(
            NIOSSLClientHandler(context: context, serverHostname: serverHostname), position: .first)
    }
}
