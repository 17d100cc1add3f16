import Logging
import ParleyChannels
import ParleyCore
import ParleyServices
import ParleyStore
import ServiceLifecycle

/// The built-in SMTP listener (`parley serve --smtp-port`) as a service beside the HTTP server:
/// mail for a shop's `support.email` is stored before the listener says 250, then filed by the workers.
struct InboundSMTPListener: Service {
    let server: InboundSMTPServer

    init(configuration: ParleyConfiguration, port: Int, database: ParleyDatabase, clock: any WallClock, logger: Logger) throws {
        var smtp = InboundSMTPServer.Configuration(
            hostname: configuration.smtpHostname, maxMessageSize: configuration.maxMessageSize)
        switch (configuration.smtpCertificate, configuration.smtpPrivateKey) {
        case (let certificate?, let key?): try smtp.enableTLS(certificateChainFile: certificate, privateKeyFile: key)
        case (nil, nil): break
        default: throw InvalidInput(field: "smtp-certificate", reason: "STARTTLS needs both the certificate and the private key")
        }
        let sink = SMTPInbox(
            database: database, receive: ReceiveEmail(database: database, clock: clock, sizeLimit: configuration.maxMessageSize))
        server = InboundSMTPServer(
            host: configuration.smtpHost ?? configuration.host, port: port, sink: sink, configuration: smtp, logger: logger)
    }

    func run() async throws {
        // Graceful shutdown cancels the listener, which tells each client 421 and lets a message
        // being stored finish first.
        try await cancelWhenGracefulShutdown {
            try await server.run()
        }
    }
}
