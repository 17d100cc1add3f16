import Foundation
import ParleyStore
import ParleyTestSupport
import Testing

/// The order-update text editor as a shop owner uses it, in a real headless Chromium (selenium)
/// against `parley serve`, on each database: the preview follows the typing without a reload.
@Suite("The order-update text editor in a real browser", .serialized, .timeLimit(.minutes(5)))
struct TemplateEditorBrowserTests {
    struct Seen: Decodable {
        let smsBefore: String
        let segmentsBefore: String
        let secondsToPreview: Double
        let smsAfter: String
        let segmentsAfter: String
        let unsavedShown: Bool
        let frameShowsSubject: Bool
        let stayed: Bool
        let error: String
        let invalidField: String?
        let typedKept: String
        let previewNotice: String
        let previewMarker: String
        let frameTitle: String
        let frameHeadingSize: String
        let marker: String
        let savedSMS: String
        let violations: [String: [BrowserPagesTests.Violation]]
    }

    @Test(
        "typing updates the preview and SMS parts without a reload, a wrong placeholder is explained, Save keeps the text; accessible",
        arguments: TestDatabase.available)
    func typing(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-editor-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-editor-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(
                try await CommandLineTests.parley(["shop", "create", "kubki", "--name", "Kubki", "--locale", "pl"] + store).status == 0)
            let password = "editor browser password 42"
            #expect(
                try await CommandLineTests.addAgent(
                    ["--shop", "kubki", "--email", "owner@kubki.example", "--name", "Ola", "--role", "owner"], password: password,
                    store: store) == 0)
            let server = try await ParleyServer.start(store, environment: ["PARLEY_LOG_LEVEL": "error"])
            defer { server.stop() }

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("template_editor_browser.py").path, server.base,
                    "owner@kubki.example", password, shots.path,
                ], limit: .seconds(180))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.smsBefore.hasPrefix("Kubki: zamówienie #1001 jest w drodze (DHL)."))
            #expect(seen.segmentsBefore.hasPrefix("2 SMS part(s), UCS-2"), "\(seen.segmentsBefore)")
            #expect(seen.smsAfter == "Kubki: paczka #1001 jest w drodze" && seen.stayed, "no reload")
            #expect(seen.segmentsAfter == "1 SMS part(s), GSM-7, 127 characters left")
            #expect(seen.secondsToPreview < 3, "the preview follows within moments: \(seen.secondsToPreview) s")
            #expect(seen.unsavedShown && seen.frameShowsSubject)
            #expect(seen.error == "SMS: unknown placeholder {{orderNumber}}; use {{number}}.")
            #expect(seen.invalidField == "true" && seen.typedKept == "Zamówienie {{orderNumber}} w drodze")
            #expect(
                seen.previewNotice == "This preview shows your changes; nothing is saved yet." && seen.previewMarker == "Parley's default")
            #expect(
                seen.frameTitle == "Paczka #1001 już w drodze" && seen.frameHeadingSize == "22px",
                "the email keeps its own styles: \(seen.frameTitle), \(seen.frameHeadingSize)")
            #expect(seen.marker == "Customized" && seen.savedSMS == "{{shop}}: paczka {{number}} jest w drodze")
            for (page, violations) in seen.violations {
                #expect(violations.isEmpty, "\(page): \(violations); screenshots in \(shots.path)")
            }
        }
    }
}
