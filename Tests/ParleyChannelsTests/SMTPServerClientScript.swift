import Foundation
import ParleyChannels
import ParleyTestSupport

/// Python's smtplib as the client, through `Fixtures/smtp_client.py`.
enum SMTPClientScript {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/smtp_client.py").path

    struct Transaction: Encodable {
        var from: String
        var to: [String]
        var options: [String] = []
        var message: [UInt8]

        enum CodingKeys: String, CodingKey {
            case from, to, options
            case messageHex = "message_hex"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(options, forKey: .options)
            try container.encode(message.map { String(format: "%02x", $0) }.joined(), forKey: .messageHex)
        }
    }

    struct Reply: Decodable, Equatable {
        let code: Int
        let text: String

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            code = try container.decode(Int.self)
            text = try container.decode(String.self)
        }
    }

    struct Outcome: Decodable {
        struct Transaction: Decodable {
            let mail: Reply
            let rcpt: [Reply]
            let data: Reply?
        }
        let ehlo: [String]
        let tls: Bool
        let transactions: [Transaction]
        let quit: Int
    }

    /// Holds one conversation with the listener on `port`; STARTTLS first when `ca` is given.
    static func send(port: Int, ca: String? = nil, _ transactions: [Transaction]) async throws -> Outcome {
        struct Spec: Encodable {
            let port: Int
            let starttls: Bool
            let ca: String?
            let transactions: [Transaction]
        }
        let spec = try JSONEncoder().encode(Spec(port: port, starttls: ca != nil, ca: ca, transactions: transactions))
        let output = try await run(["send", String(decoding: spec, as: UTF8.self)])
        return try JSONDecoder().decode(Outcome.self, from: output)
    }

    /// Sends `STARTTLS` with `NOOP` behind it in one packet, then starts TLS and says `QUIT`: what
    /// the server said to STARTTLS, and everything it said over TLS.
    static func injectBehindStartTLS(port: Int, ca: String) async throws -> (startTLS: String, overTLS: String) {
        struct Outcome: Decodable {
            let starttls: String
            let overTLS: String

            enum CodingKeys: String, CodingKey {
                case starttls
                case overTLS = "over_tls"
            }
        }
        let outcome = try JSONDecoder().decode(Outcome.self, from: try await run(["inject", String(port), ca]))
        return (outcome.starttls, outcome.overTLS)
    }

    /// Writes a CA (`ca.pem`) and a server certificate for 127.0.0.1 it signed into a fresh folder.
    static func certificates() async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = try await run(["certificates", directory.path])
        return directory
    }

    /// `configuration` offering STARTTLS with a fresh certificate; the folder holds `ca.pem` for the client.
    static func withTLS(_ configuration: InboundSMTPServer.Configuration) async throws
        -> (configuration: InboundSMTPServer.Configuration, certificates: URL)
    {
        let certificates = try await certificates()
        var configuration = configuration
        try configuration.enableTLS(
            certificateChainFile: certificates.appendingPathComponent("server.pem").path,
            privateKeyFile: certificates.appendingPathComponent("server.key").path)
        return (configuration, certificates)
    }

    private static func run(_ arguments: [String]) async throws -> Data {
        try await ChildProcess.python(path, arguments)
    }
}
