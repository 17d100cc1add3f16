import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// `parley mailgate`: hands one email from standard input to a running Parley, for Postfix or Exim
/// pipe delivery (like RT's `rt-mailgate`).
///
/// The exit status follows sysexits(3), which both MTAs understand: 0 when Parley stored the mail,
/// 75 (EX_TEMPFAIL) when Parley could not be reached or was busy, so the MTA queues and retries,
/// and 65/77 when Parley refused the mail for good, so the MTA bounces it with the reason.
struct Mailgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deliver one email from standard input to a running Parley (for Postfix/Exim pipes).",
        discussion: """
            Postfix master.cf:
              parley unix - n n - - pipe flags=Rq user=parley argv=/usr/local/bin/parley mailgate
                --url https://help.shop.example --api-key-file /etc/parley/mailgate.key --sender ${sender} --recipient ${recipient}
            Exim: a pipe transport running the same command (SENDER and RECIPIENT come from the environment).
            """)

    @Option(help: "Parley's base URL [env: PARLEY_URL] (default: http://127.0.0.1:8080)")
    var url: String?

    @Option(help: "An API key of the shop the mail is for [env: PARLEY_API_KEY]")
    var apiKey: String?

    @Option(help: "A file holding the API key, so it does not show in process lists")
    var apiKeyFile: String?

    @Option(help: "The envelope sender [env: SENDER]")
    var sender: String?

    @Option(help: "The envelope recipient [env: RECIPIENT]")
    var recipient: String?

    @Option(help: "Seconds to wait for Parley (default: 60)")
    var timeout: Int = 60

    func run() async throws {
        do {
            try await deliver()
        } catch {
            FileHandle.standardError.write(Data("parley mailgate: \(error)\n".utf8))
            throw error.exitCode
        }
    }

    private func deliver() async throws(MailgateFailure) {
        let environment = ProcessInfo.processInfo.environment
        let base = url ?? environment["PARLEY_URL"] ?? "http://127.0.0.1:8080"
        let key: String
        do {
            key = try apiKeyFile.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? apiKey ?? environment["PARLEY_API_KEY"] ?? ""
        } catch {
            throw MailgateFailure.configuration("cannot read the API key file: \(error)")
        }
        guard !key.isEmpty else { throw MailgateFailure.configuration("give --api-key, --api-key-file or PARLEY_API_KEY") }
        let message = FileHandle.standardInput.readDataToEndOfFile()
        var request = HTTPClientRequest(url: base.trimmingCharacters(in: ["/"]) + "/api/v1/inbound/email")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key.trimmingCharacters(in: .whitespacesAndNewlines))")
        request.headers.add(name: "Content-Type", value: "message/rfc822")
        request.headers.add(name: "X-Parley-Source", value: "mailgate")
        if let sender = sender ?? environment["SENDER"] { request.headers.add(name: "X-Parley-Envelope-From", value: sender) }
        if let recipient = recipient ?? environment["RECIPIENT"] { request.headers.add(name: "X-Parley-Envelope-To", value: recipient) }
        request.body = .bytes(ByteBuffer(data: message))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(Int64(timeout)))
            body = try await response.body.collect(upTo: 1024 * 1024)
        } catch {
            throw MailgateFailure.temporary("Parley at \(base) did not answer: \(error)")
        }
        let text = String(buffer: body)
        switch response.status.code {
        case 200..<300:
            return
        case 429, 500...:
            throw MailgateFailure.temporary("Parley answered \(response.status.code): \(text)")
        case 401, 403:
            throw MailgateFailure.refused(code: 77, "Parley refused the API key (\(response.status.code)): \(text)")
        default:
            throw MailgateFailure.refused(code: 65, "Parley refused the message (\(response.status.code)): \(text)")
        }
    }
}

/// Ends `mailgate` with the sysexits(3) status the MTA acts on, after saying why on standard error.
enum MailgateFailure: Error, CustomStringConvertible {
    case temporary(String)
    case refused(code: Int32, String)
    case configuration(String)

    var description: String {
        switch self {
        case .temporary(let why), .refused(_, let why), .configuration(let why): why
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .temporary: ExitCode(75)
        case .refused(let code, _): ExitCode(code)
        case .configuration: ExitCode(78)
        }
    }
}
