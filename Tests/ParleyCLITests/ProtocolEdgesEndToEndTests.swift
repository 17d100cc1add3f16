import Foundation
import NIOHTTP1
import ParleyTestSupport
import Testing

/// What only a real socket shows: connections end when the client asks, as HTTP/1.0 and
/// `Connection: close` say; the SMTP listener refuses an empty message as the API does.
@Suite("Protocol edges on the wire", .serialized, .timeLimit(.minutes(3)))
struct ProtocolEdgesEndToEndTests {
    struct Exchange: Decodable, Equatable {
        let status: String
        let closed: Bool
    }

    @Test("HTTP/1.0 and Connection: close end the connection after the answer; keep-alive keeps it")
    func connectionClose() async throws {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-edges-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let server = try await ParleyServer.start(["--data-dir", dataDir])
        defer { server.stop() }
        let requests = [
            "GET /health HTTP/1.0\r\n\r\n", "GET /health HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n",
            "DELETE /health HTTP/1.0\r\n\r\n", "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
        ]
        let output = try await ChildProcess.python(
            EmailInboundPaths.fixtures.appendingPathComponent("http_raw.py").path,
            [String(server.port)] + requests.map { Array($0.utf8).map { String(format: "%02x", $0) }.joined() })
        let exchanges = try JSONDecoder().decode([Exchange].self, from: output)
        #expect(
            exchanges == [
                Exchange(status: "HTTP/1.1 200 OK", closed: true), Exchange(status: "HTTP/1.1 200 OK", closed: true),
                Exchange(status: "HTTP/1.1 200 OK", closed: true), Exchange(status: "HTTP/1.1 405 Method Not Allowed", closed: true),
                Exchange(status: "HTTP/1.1 200 OK", closed: false), Exchange(status: "HTTP/1.1 200 OK", closed: false),
            ])
    }

    @Test("the SMTP listener refuses an empty message for good, and takes the next one")
    func emptyMail() async throws {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-edges-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let store = ["--data-dir", dataDir]
        #expect(try await CommandLineTests.parley(["shop", "create", "kubki"] + store).status == 0)
        #expect(try await CommandLineTests.parley(["shop", "set", "kubki", "support.email=sklep@kubki.example"] + store).status == 0)
        let key = try await CommandLineTests.apiKey(shop: "kubki", store: store)
        let smtpPort = FreePort.pick()
        let server = try await ParleyServer.start(store + ["--smtp-port", String(smtpPort)])
        defer { server.stop() }
        let inbox = EmailInboundPaths(server: server, key: key, smtpPort: smtpPort)
        #expect(try await inbox.smtp([], from: "jane@example.com", to: "sklep@kubki.example") == 554)
        #expect(try await inbox.api([]).status == .badRequest)
        #expect(try await inbox.smtp(Array("Subject: hi\r\n\r\nHello".utf8), from: "jane@example.com", to: "sklep@kubki.example") == 250)
    }
}
