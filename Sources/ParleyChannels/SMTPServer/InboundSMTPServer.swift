import Logging
import NIOCore
import NIOPosix
import ParleyCore
import Synchronization

/// Parley's own SMTP listener: shops point MX (or a forwarder) at it, and every message it takes
/// goes to the sink, which stores it before the client hears 250.
///
/// `run()` serves until its task is cancelled; then it stops accepting, tells idle clients
/// `421 4.3.2`, lets a message the sink is storing finish, and returns once every connection is
/// closed. The composition root wraps it in a `Service`.
/// ```swift
/// let server = InboundSMTPServer(host: "0.0.0.0", port: 2525, sink: sink,
///                                configuration: .init(hostname: "mx.parley.example"), logger: logger)
/// try await server.run()
/// ```
public final class InboundSMTPServer: Sendable {
    /// The address to listen on: `0.0.0.0` for every IPv4 interface, `::` for every interface.
    public let host: String
    /// The port asked for; 0 picks a free one, which `listeningPort()` tells.
    public let port: Int
    /// The listener's name, limits and TLS.
    public let configuration: Configuration
    private let sink: any InboundMailSink
    private let logger: Logger
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    private struct State {
        var connections: [ObjectIdentifier: (channel: any NIOCore.Channel, address: String?)] = [:]
        var stopping = false
        var listening = Listening.waiting([])
    }

    private enum Listening {
        case waiting([CheckedContinuation<Int, any Error>])
        case bound(Int)
        case failed(any Error)
    }

    /// A listener that hands what it receives to `sink`; it listens once `run()` is called.
    public init(
        host: String, port: Int, sink: any InboundMailSink, configuration: Configuration,
        logger: Logger = Logger(label: "parley.smtp-server"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.host = host
        self.port = port
        self.sink = sink
        self.configuration = configuration
        self.logger = logger
        self.group = eventLoopGroup
    }

    /// Listens and serves until the task is cancelled; throws if it cannot listen.
    public func run() async throws {
        let serverChannel: any NIOCore.Channel
        do {
            serverChannel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in self.accept(channel) }
                .bind(host: host, port: port).get()
        } catch {
            listened(.failed(error))
            throw error
        }
        let boundPort = serverChannel.localAddress?.port ?? port
        listened(.bound(boundPort))
        logger.info("SMTP listener started", metadata: ["host": "\(host)", "port": "\(boundPort)"])
        await withTaskCancellationHandler {
            try? await serverChannel.closeFuture.get()
        } onCancel: {
            serverChannel.close(promise: nil)
        }
        let open = state.withLock { state in
            state.stopping = true
            return state.connections.values.map(\.channel)
        }
        logger.info("SMTP listener stopping", metadata: ["connections": "\(open.count)"])
        for channel in open { channel.pipeline.fireUserInboundEventTriggered(SMTPServerHandler.ShutDown()) }
        for channel in open { try? await channel.closeFuture.get() }
    }

    /// The port the listener is bound to, once it is; throws if it could not bind.
    public func listeningPort() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let listening = state.withLock { state in
                if case .waiting(let waiting) = state.listening { state.listening = .waiting(waiting + [continuation]) }
                return state.listening
            }
            switch listening {
            case .bound(let port): continuation.resume(returning: port)
            case .failed(let error): continuation.resume(throwing: error)
            case .waiting: break
            }
        }
    }

    private func listened(_ outcome: Listening) {
        let waiting = state.withLock { state in
            defer { state.listening = outcome }
            guard case .waiting(let waiting) = state.listening else { return [CheckedContinuation<Int, any Error>]() }
            return waiting
        }
        for continuation in waiting {
            switch outcome {
            case .bound(let port): continuation.resume(returning: port)
            case .failed(let error): continuation.resume(throwing: error)
            case .waiting: break
            }
        }
    }

    private func accept(_ channel: any NIOCore.Channel) -> EventLoopFuture<Void> {
        let id = ObjectIdentifier(channel)
        let address = channel.remoteAddress?.ipAddress
        let refusal: String? = state.withLock { state in
            if state.stopping { return "421 4.3.2 \(configuration.hostname) Service shutting down" }
            guard state.connections.count < configuration.maxConnections else {
                return "421 4.7.0 \(configuration.hostname) Error: too many connections"
            }
            if let address, state.connections.values.count(where: { $0.address == address }) >= configuration.maxConnectionsPerAddress {
                return "421 4.7.0 \(configuration.hostname) Error: too many connections from \(address)"
            }
            state.connections[id] = (channel, address)
            return nil
        }
        channel.closeFuture.whenComplete { _ in self.state.withLock { _ = $0.connections.removeValue(forKey: id) } }
        return channel.eventLoop.makeCompletedFuture {
            if let refusal {
                logger.warning("SMTP connection refused", metadata: ["reply": "\(refusal)"])
                try channel.pipeline.syncOperations.addHandler(SMTPRefusalHandler(refusal))
                return
            }
            let connectionID = Self.connectionID()
            var logger = logger
            logger[metadataKey: "smtp.connection"] = "\(connectionID)"
            logger[metadataKey: "smtp.remote"] = "\(address ?? "?")"
            let session = SMTPServerSession(
                settings: configuration.sessionSettings, remoteAddress: address, connectionID: connectionID)
            try channel.pipeline.syncOperations.addHandler(
                SMTPServerHandler(
                    session: session, sink: sink, tls: configuration.tls, idleTimeout: configuration.idleTimeout, logger: logger))
        }
    }

    /// Ten characters, unique enough to find a connection's lines in the logs: `K7Q2M9XA3B`.
    private static func connectionID() -> String {
        let alphabet = Array("0123456789BCDFGHJKLMNPQRSTVWXZ")
        return String((0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }
}
