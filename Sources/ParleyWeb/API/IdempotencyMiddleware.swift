import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ParleyServices
import ParleyStore
import Synchronization

/// Answers a POST repeated under the same `Idempotency-Key` with the first answer, without running it again.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = ShopRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    let requests: IdempotentRequests
    /// The largest body of any route behind it (raw email is larger than JSON); each route still
    /// applies its own limit to the body read here.
    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[Self.header] else { return try await next(request, context) }
        let shop = context.shop
        var request = request
        let body = try await request.collectBody(limit: bodyLimit)
        let earlier = try await requests.begin(
            shop: shop, key: key, method: "\(request.method)", path: request.uri.path, body: Data(buffer: body))
        switch earlier {
        case .completed(let status, let contentType, body: let stored):
            var headers: HTTPFields = [Self.replayedHeader: "true"]
            if let contentType { headers[.contentType] = contentType }
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: stored)))
        case .inProgress:
            throw HTTPError(.conflict, message: "a request with this Idempotency-Key is still being processed; retry later")
        case .mismatch:
            throw InvalidInput(field: "Idempotency-Key", reason: "was already used for a different request")
        case nil:
            break
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            try await requests.release(shop: shop, key: key)
            throw error
        }
        guard response.status.code < 500 else {
            try await requests.release(shop: shop, key: key)
            return response
        }
        let collected = CollectedBody()
        try await response.body.write(CollectingWriter(target: collected))
        let buffer = collected.buffer.withLock { $0 }
        try await requests.complete(
            shop: shop, key: key, status: Int(response.status.code), contentType: response.headers[.contentType],
            body: Data(buffer: buffer))
        var replay = response
        replay.body = .init(byteBuffer: buffer)
        return replay
    }
}

/// Where `CollectingWriter` leaves the body: the writer itself is consumed by `ResponseBody.write`.
private final class CollectedBody: Sendable {
    let buffer = Mutex(ByteBuffer())
}

/// Gathers a response body so it can be stored and sent.
private struct CollectingWriter: ResponseBodyWriter {
    let target: CollectedBody
    mutating func write(_ part: ByteBuffer) async throws {
        target.buffer.withLock { buffer in
            var part = part
            buffer.writeBuffer(&part)
        }
    }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
