import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Makes every request that asks to end its connection say so in the one spelling Hummingbird
/// reads (`Connection: close`, exactly): an HTTP/1.0 request without `keep-alive` (RFC 9112 §9.3),
/// and a `close` token in any case or list (`Keep-Alive, Close`). Without it, `ab`, health checkers
/// and old proxies that speak HTTP/1.0 wait on a socket that never closes.
///
/// It must see the request before the HTTP types codec, which drops the version; Hummingbird adds
/// extra handlers after the codec, so `ConnectionCloseInstaller` moves it into place.
final class ConnectionCloseNormalizer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let tokens = head.headers["connection"].flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let old = head.version.major == 1 && head.version.minor == 0
        if tokens.contains("close") || (old && !tokens.contains("keep-alive")) {
            head.headers.replaceOrAdd(name: "connection", value: "close")
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}

/// Added by Hummingbird after the HTTP types codec; puts a `ConnectionCloseNormalizer` before it,
/// then passes everything through.
final class ConnectionCloseInstaller: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    func handlerAdded(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        guard let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) else { return }
        try? pipeline.addHandler(ConnectionCloseNormalizer(), position: .before(codec))
    }
}
