import NIOSSL

extension InboundSMTPServer {
    /// How the listener presents itself and what it puts up with.
    /// ```swift
    /// var configuration = InboundSMTPServer.Configuration(hostname: "mx.parley.example")
    /// configuration.tls = try NIOSSLContext(configuration: .makeServerConfiguration(
    ///     certificateChain: NIOSSLCertificate.fromPEMFile("cert.pem").map { .certificate($0) },
    ///     privateKey: .privateKey(NIOSSLPrivateKey(file: "key.pem", format: .pem))))
    /// ```
    public struct Configuration: Sendable {
        /// The name in the greeting, the EHLO reply and the `Received:` fields: the MX host name.
        public var hostname: String
        /// The largest message taken, in bytes, as announced by `SIZE` (RFC 1870).
        public var maxMessageSize: Int
        /// Recipients per message; more get `452 4.5.3` and are sent again in another transaction.
        public var maxRecipients: Int
        /// The server certificate for STARTTLS (RFC 3207); STARTTLS is offered only when set.
        public var tls: NIOSSLContext?
        /// Take no mail before STARTTLS (`530 5.7.0`). Only sensible with `tls` set; MX mail from
        /// servers without TLS is refused.
        public var requireTLS: Bool
        /// How long a client may stay silent, in commands or in the message (RFC 5321 §4.5.3.2
        /// asks for at least 5 minutes); then `421 4.4.2` and the connection is closed.
        public var idleTimeout: Duration
        /// Connections at once; one more is told `421 4.7.0` and closed.
        public var maxConnections: Int
        /// Connections at once from one IP address, so that one host cannot take every slot; one
        /// more is told `421 4.7.0` and may retry later, as a relay does.
        public var maxConnectionsPerAddress: Int
        /// Refused commands per connection before `421 4.7.0` and close: a client guessing
        /// addresses or lost in the protocol.
        public var maxErrors: Int

        /// A configuration with the defaults above: 25 MB, 100 recipients, 5 minutes, 100 connections
        /// (20 from one address), 10 errors.
        public init(
            hostname: String, maxMessageSize: Int = 25 * 1024 * 1024, maxRecipients: Int = 100, tls: NIOSSLContext? = nil,
            requireTLS: Bool = false, idleTimeout: Duration = .seconds(300), maxConnections: Int = 100,
            maxConnectionsPerAddress: Int = 20, maxErrors: Int = 10
        ) {
            self.hostname = hostname
            self.maxMessageSize = maxMessageSize
            self.maxRecipients = maxRecipients
            self.tls = tls
            self.requireTLS = requireTLS
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.maxConnectionsPerAddress = maxConnectionsPerAddress
            self.maxErrors = maxErrors
        }

        var sessionSettings: SMTPServerSession.Settings {
            SMTPServerSession.Settings(
                hostname: hostname, maxMessageSize: maxMessageSize, maxRecipients: maxRecipients, tlsAvailable: tls != nil,
                requireTLS: requireTLS, maxErrors: maxErrors)
        }
    }
}

extension InboundSMTPServer.Configuration {
    /// Offers STARTTLS with the certificate chain (server certificate first) and private key in
    /// these PEM files.
    public mutating func enableTLS(certificateChainFile: String, privateKeyFile: String) throws {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateChainFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: privateKeyFile, format: .pem)
        tls = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
    }
}
