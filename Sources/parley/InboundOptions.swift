import ArgumentParser
import Foundation
import ParleyWeb

/// How email comes in: the built-in SMTP listener and the size limit shared by every inbound path.
struct InboundOptions: ParsableArguments {
    @Option(help: "Port of the built-in SMTP listener for incoming mail; off when unset [env: PARLEY_SMTP_PORT]")
    var smtpPort: Int?

    @Option(help: "Address the SMTP listener binds [env: PARLEY_SMTP_HOST] (default: the HTTP host)")
    var smtpHost: String?

    @Option(help: "Name the SMTP listener greets with [env: PARLEY_SMTP_HOSTNAME] (default: parley.localhost)")
    var smtpHostname: String?

    @Option(help: "PEM certificate chain for STARTTLS on the SMTP listener [env: PARLEY_SMTP_CERTIFICATE]")
    var smtpCertificate: String?

    @Option(help: "PEM private key for STARTTLS on the SMTP listener [env: PARLEY_SMTP_PRIVATE_KEY]")
    var smtpPrivateKey: String?

    @Option(help: "Largest email taken, in bytes, by SMTP, mailgate and the API [env: PARLEY_MAX_MESSAGE_SIZE] (default: 26214400)")
    var maxMessageSize: Int?

    func apply(to configuration: inout ParleyConfiguration) {
        let environment = ProcessInfo.processInfo.environment
        configuration.smtpPort = smtpPort ?? environment["PARLEY_SMTP_PORT"].flatMap(Int.init)
        configuration.smtpHost = smtpHost ?? environment["PARLEY_SMTP_HOST"]
        configuration.smtpHostname = smtpHostname ?? environment["PARLEY_SMTP_HOSTNAME"] ?? configuration.smtpHostname
        configuration.smtpCertificate = smtpCertificate ?? environment["PARLEY_SMTP_CERTIFICATE"]
        configuration.smtpPrivateKey = smtpPrivateKey ?? environment["PARLEY_SMTP_PRIVATE_KEY"]
        if let size = maxMessageSize ?? environment["PARLEY_MAX_MESSAGE_SIZE"].flatMap(Int.init), size > 0 {
            configuration.maxMessageSize = size
        }
    }
}
