import Foundation
import ParleyCore
import ParleyStore

/// A shop's logo uploaded in the settings: kept by Parley and served at `/brand/{shop}/logo`, which
/// becomes the brand's `brand.logo_url` that emails and the tracking page show.
public struct ShopLogos: Sendable {
    /// Enough for a crisp logo in an email header, small enough for every email that shows it.
    public static let largest = 512 * 1024
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Keeps `bytes` as the shop's logo and points the brand at it; returns the logo's public URL.
    /// Only PNG, JPEG, GIF and WebP: formats that carry no script (an SVG could).
    public func upload(shop: Shop, bytes: [UInt8], publicURL: String, by actor: AuditActor) async throws -> String {
        guard !bytes.isEmpty else { throw InvalidInput(field: "logo", reason: "choose an image file") }
        guard bytes.count <= Self.largest else {
            throw InvalidInput(field: "logo", reason: "is larger than \(Self.largest / 1024) KB; make it smaller")
        }
        guard let type = Self.imageType(bytes) else {
            throw InvalidInput(field: "logo", reason: "is not a PNG, JPEG, GIF or WebP image")
        }
        let now = clock.now()
        try await database.transaction { sql in
            try await ShopLogoRepository(sql).save(shop: shop.id, contentType: type, data: bytes, now: now)
            try await AuditLog.append(
                shop: shop.id, actor, "logo.uploaded", detail: ["type": type, "bytes": String(bytes.count)], on: sql, at: now)
        }
        // The version in the URL lets mail programs and browsers keep each logo as long as they like.
        let url = "\(publicURL)/brand/\(shop.slug)/logo?v=\(Int(now.timeIntervalSince1970))"
        _ = try await ShopSettings(database: database, clock: clock).update(shop: shop.id, ["brand.logo_url": url], by: actor)
        return url
    }

    /// Forgets the uploaded logo and the brand's link to it.
    public func remove(shop: Shop, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            try await ShopLogoRepository(sql).delete(shop: shop.id)
            try await AuditLog.append(shop: shop.id, actor, "logo.removed", on: sql, at: now)
        }
        _ = try await ShopSettings(database: database, clock: clock).update(shop: shop.id, ["brand.logo_url": nil], by: actor)
    }

    public func find(shop: ShopID) async throws -> ShopLogo? {
        try await database.withConnection { sql in try await ShopLogoRepository(sql).find(shop: shop) }
    }

    /// The image's type by its first bytes, whatever the file was called.
    static func imageType(_ bytes: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return "image/webp" }
        return nil
    }
}
