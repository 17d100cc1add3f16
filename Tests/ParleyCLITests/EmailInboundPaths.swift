import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ParleyTestSupport
import Testing

/// The three ways an email reaches `parley serve`, as real mail systems use them.
struct EmailInboundPaths {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let smtpClient = fixtures.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ParleyChannelsTests/Fixtures/smtp_client.py").path

    let server: ParleyServer
    let key: String
    let smtpPort: Int

    /// A mailbox fixture with its placeholders (`{{NUMBER}}`, `{{IN_REPLY_TO}}`, `{{REPLY_TO}}`) filled in.
    static func fixture(_ name: String, _ values: [String: String] = [:]) throws -> [UInt8] {
        var bytes = Array(try Data(contentsOf: fixtures.appendingPathComponent("mailbox/\(name)")))
        for (placeholder, value) in values {
            let target = Array("{{\(placeholder)}}".utf8)
            var replaced: [UInt8] = []
            var index = 0
            while index < bytes.count {
                if bytes[index...].starts(with: target) {
                    replaced += Array(value.utf8)
                    index += target.count
                } else {
                    replaced.append(bytes[index])
                    index += 1
                }
            }
            bytes = replaced
        }
        return bytes
    }

    /// Python's smtplib hands the message to the listener; returns the final reply code.
    func smtp(_ message: [UInt8], from: String, to: String) async throws -> Int {
        let spec: [String: Any] = [
            "port": smtpPort, "helo": "mx.example.pl",
            "transactions": [
                ["from": from, "to": [to], "options": ["SMTPUTF8"], "message_hex": message.map { String(format: "%02x", $0) }.joined()]
            ],
        ]
        let data = try await ChildProcess.python(
            Self.smtpClient, ["send", String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)])
        let reply = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let transaction = (reply?["transactions"] as? [[String: Any]])?.first
        return (transaction?["data"] as? [Any])?.first as? Int ?? 0
    }

    /// `parley mailgate` as Postfix's pipe runs it; returns its exit status.
    func mailgate(_ message: [UInt8], sender: String, recipient: String, url: String? = nil) async throws -> Int32 {
        try await ChildProcess.output(
            CommandLineTests.executable,
            ["mailgate", "--url", url ?? server.base, "--api-key", key, "--sender", sender, "--recipient", recipient, "--timeout", "10"],
            input: Data(message)
        ).status
    }

    /// `POST /api/v1/inbound/email` with the raw bytes; returns the status and the JSON answer.
    func api(_ message: [UInt8]) async throws -> (status: HTTPResponseStatus, json: [String: Any]) {
        var request = HTTPClientRequest(url: server.base + "/api/v1/inbound/email")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "message/rfc822")
        request.body = .bytes(ByteBuffer(bytes: message))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:])
    }

    /// A GET on the API, as JSON.
    func get(_ path: String) async throws -> [String: Any] {
        try await server.call(.GET, path, headers: [("Authorization", "Bearer \(key)")]).json
    }

    /// A GET on the API, as bytes.
    func download(_ path: String) async throws -> (headers: HTTPHeaders, body: [UInt8]) {
        var request = HTTPClientRequest(url: server.base + path)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (response.headers, Array(buffer: try await response.body.collect(upTo: 1 << 22)))
    }

    /// Every conversation of the shop, newest first.
    func conversations() async throws -> [[String: Any]] {
        try await get("/api/v1/conversations?limit=200")["data"] as? [[String: Any]] ?? []
    }

    func messages(_ conversation: String) async throws -> [[String: Any]] {
        try await get("/api/v1/conversations/\(conversation)/messages")["data"] as? [[String: Any]] ?? []
    }
}
