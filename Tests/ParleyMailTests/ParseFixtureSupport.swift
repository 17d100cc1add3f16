import Foundation
import ParleyMail

/// The `.eml` fixtures in `Fixtures/mime`, written the way each named mail program sends mail.
enum MIMEFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mime")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func parse(_ name: String) throws -> ParsedMail {
        MailParser.parse(try bytes(name))
    }

    static var all: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
    }
}

extension ParsedMail {
    func has(_ kind: MailDefect.Kind) -> Bool { defects.contains { $0.kind == kind } }
}

/// A message written inline in a test, with CR LF line ends unless it asks for LF.
func mail(_ text: String, lineEnds: String = "\r\n") -> ParsedMail {
    MailParser.parse(Array(text.replacingOccurrences(of: "\n", with: lineEnds).utf8))
}
