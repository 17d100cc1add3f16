import Foundation

/// Where Parley keeps its data: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// The location named by `url`, or the SQLite file `parley.sqlite` in `dataDirectory` when `url` is nil.
    ///
    /// Accepts `postgres://` / `postgresql://` URLs and `sqlite:///absolute/path` or `sqlite:relative/path`.
    public init(url: String?, dataDirectory: String) throws(DatabaseLocationError) {
        guard let url, !url.isEmpty else {
            self = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("parley.sqlite"))
            return
        }
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw .invalid(url, "an sqlite: URL needs a file path") }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: url))
        } else {
            throw .invalid(url, "expected a postgres:// or sqlite: URL")
        }
    }

    /// The location as a URL that `init(url:dataDirectory:)` reads back, password included: for
    /// handing to another process (a `parley worker`), never for logs.
    public var url: String {
        switch self {
        case .sqlite(let path): return "sqlite:" + path
        case .postgres(let server):
            let user = server.username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? server.username
            let password = server.password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? ""
            return "postgres://\(user)\(password)@\(server.host):\(server.port)/\(server.database)?sslmode=\(server.tls.rawValue)"
        }
    }

    /// The location without its password, for logs and start-up banners.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): "postgres://\(location.username)@\(location.host):\(location.port)/\(location.database)"
        }
    }
}

/// A PostgreSQL server and database, parsed from a libpq-style URL.
public struct PostgresLocation: Sendable, Equatable {
    /// How to use TLS, with libpq's meanings: `prefer` and `require` encrypt without checking the
    /// certificate; `verify-full` checks it.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(url: String) throws(DatabaseLocationError) {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw .invalid(url, "cannot read the host")
        }
        guard let user = components.user, !user.isEmpty else { throw .invalid(url, "the URL names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw .invalid(url, "the URL names no database") }
        let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        switch sslmode {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require": tls = .require
        case "verify-ca", "verify-full": tls = .verifyFull
        default: throw .invalid(url, "unknown sslmode \(sslmode)")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
    }
}

/// Why a database URL cannot be used.
public enum DatabaseLocationError: Error, Equatable, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(_, let reason): "invalid database URL: \(reason)"
        }
    }
}
