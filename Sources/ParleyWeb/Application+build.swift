import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ParleyChannels
import ParleyCore
import ParleyServices
import ParleyStore
import Prometheus
import ServiceLifecycle

/// How `parley serve` is set up; every field has a default fit for the embedded demo.
public struct ParleyConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Jobs run at once: most wait on an SMTP server, an SMS provider or a PostgreSQL round trip, not
    /// on a core (on PostgreSQL 32 filed emails a quarter faster than 16; on SQLite they were even).
    public var workers = 32
    public var jobPollInterval = Duration.milliseconds(500)
    /// Where customers reach this installation, for links in messages (`https://help.shop.example`);
    /// `http://HOST:PORT` when unset.
    public var publicURL: String?
    /// The installation's mail server, `smtp://` or `smtps://user:pass@host:port`; a shop's own
    /// `email.smtp_url` takes precedence.
    public var smtpURL: String?
    /// How long a job is held without a heartbeat before another worker takes it over.
    public var jobLease = Duration.seconds(60)
    /// The port of the built-in SMTP listener for incoming mail; none when nil.
    public var smtpPort: Int?
    /// The address the SMTP listener binds; `host` when nil.
    public var smtpHost: String?
    /// The name the SMTP listener greets with and writes in Received headers.
    public var smtpHostname = "parley.localhost"
    /// PEM certificate chain and key for STARTTLS on the SMTP listener; STARTTLS is offered only with both.
    public var smtpCertificate: String?
    public var smtpPrivateKey: String?
    /// The largest email taken, by every inbound path.
    public var maxMessageSize = ReceiveEmail.defaultSizeLimit
    /// Keep what shops without a mail server or SMS provider would send in an outbox the app shows
    /// (the demo), instead of waiting for the setting.
    public var demoOutbox = false
    /// Networks webhooks may be sent to although they are not public (only public addresses otherwise).
    public var webhookAllowedNetworks: [IPNetwork] = []

    public init() {}

    /// Which addresses webhooks may be sent to.
    public var webhookPolicy: NetworkAddressPolicy { NetworkAddressPolicy(allowed: webhookAllowedNetworks) }

    /// `publicURL` without a trailing slash, or where this server listens.
    public var resolvedPublicURL: String {
        guard let publicURL else { return "http://\(host):\(port)" }
        return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }
}

/// The composition root: wires the database, services, transports and routes into one application.
///
/// `database` must already be migrated. The services returned with the application (database,
/// event bus, job worker) run beside the HTTP server and stop after it on graceful shutdown.
public func buildApplication(
    configuration: ParleyConfiguration,
    database: ParleyDatabase,
    registry: PrometheusCollectorRegistry,
    clock: any WallClock = SystemWallClock(),
    logger: Logger
) async throws -> some ApplicationProtocol {
    let (bus, busService) = makeEventBus(database: database, logger: logger)
    let router = try await buildRouter(
        database: database, registry: registry, clock: clock, publicURL: configuration.resolvedPublicURL,
        smtpURL: configuration.smtpURL, maxMessageSize: configuration.maxMessageSize, bus: bus, demoOutbox: configuration.demoOutbox,
        webhookPolicy: configuration.webhookPolicy)
    var services: [any Service] = [database]
    if let smtpPort = configuration.smtpPort {
        services.append(
            try InboundSMTPListener(configuration: configuration, port: smtpPort, database: database, clock: clock, logger: logger))
    }
    if let busService { services.append(busService) }
    if configuration.workers > 0 {
        services.append(
            JobWorker(
                database: database,
                handlers: try await buildJobHandlers(configuration: configuration, database: database, clock: clock, bus: bus),
                configuration: .init(
                    concurrency: configuration.workers, lease: configuration.jobLease, pollInterval: configuration.jobPollInterval),
                clock: clock, logger: logger))
    }
    return Application(
        router: router,
        server: .http1WebSocketUpgradeClosingUnused(
            webSocketRouter: try buildWidgetSocketRouter(
                database: database, clock: clock, bus: bus, publicURL: configuration.resolvedPublicURL),
            configuration: .init(
                http1: .init(additionalChannelHandlers: [ConnectionCloseInstaller()]),
                ws: .init(maxFrameSize: 64 * 1024, autoPing: .enabled(timePeriod: .seconds(30))))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Parley"),
        services: services,
        logger: logger)
}

/// The routes that upgrade to a WebSocket: the chat widget's live connection.
public func buildWidgetSocketRouter(database: ParleyDatabase, clock: any WallClock, bus: any EventBus, publicURL: String) throws
    -> Router<ParleyRequestContext>
{
    let router = Router(context: ParleyRequestContext.self)
    router.add(middleware: RateLimitMiddleware(limits: [("/widget/", .init(burst: 20, rate: 1))]))
    let chat = LiveChat(database: database, clock: clock, bus: bus)
    let assistant = ChatAssistant(
        chat: chat,
        assistant: Assistant(
            database: database, links: TrackingLinks(database: database, clock: clock, publicURL: publicURL),
            catalogs: try MessageCatalogs(), model: OpenAICompatibleModel()),
        database: database, publicURL: publicURL)
    WidgetSocketRoutes(
        chat: chat, events: ChatEvents(bus: bus), findShop: FindShop(database: database),
        assistant: { session, line in try? await assistant.reply(to: session, line: line) }
    ).register(on: router)
    return router
}

/// The realtime bus: across nodes by `LISTEN/NOTIFY` on PostgreSQL (a service to run beside the
/// server), in process on SQLite, which has one node.
public func makeEventBus(database: ParleyDatabase, logger: Logger) -> (bus: any EventBus, service: (any Service)?) {
    guard database.backend == .postgres else { return (LocalEventBus(), nil) }
    let bus = PostgresEventBus(database: database, logger: logger)
    return (bus, bus)
}

/// The handlers of every job kind, sending through this installation's transports and announcing on `bus`.
public func buildJobHandlers(configuration: ParleyConfiguration, database: ParleyDatabase, clock: any WallClock, bus: any EventBus)
    async throws -> [any JobHandler]
{
    let publicURL = configuration.resolvedPublicURL
    let catalogs = try MessageCatalogs()
    return JobHandlers.all(
        database: database, clock: clock, catalogs: catalogs, templates: try await OrderMessageTemplates(catalogs: catalogs),
        links: TrackingLinks(database: database, clock: clock, publicURL: publicURL),
        confirmations: AddressConfirmations(database: database, clock: clock, publicURL: publicURL),
        preferences: PreferenceCentre(database: database, clock: clock, publicURL: publicURL),
        transports: ChannelTransports(
            smtpURL: configuration.smtpURL, publicURL: publicURL,
            outbox: configuration.demoOutbox ? DemoOutbox(database: database, clock: clock) : nil),
        fallbackDomain: URLComponents(string: publicURL)?.host ?? "parley.localhost", events: InboxEvents(bus: bus),
        webhooks: HTTPWebhookSender(policy: configuration.webhookPolicy))
}

/// The routes of Parley's HTTP surface, on `database`; `publicURL` without a trailing slash.
public func buildRouter(
    database: ParleyDatabase, registry: PrometheusCollectorRegistry, clock: any WallClock, publicURL: String = "http://127.0.0.1:8080",
    smtpURL: String? = nil, maxMessageSize: Int = ReceiveEmail.defaultSizeLimit, bus: any EventBus = LocalEventBus(),
    demoOutbox: Bool = false, webhookPolicy: NetworkAddressPolicy = .init()
) async throws -> Router<ParleyRequestContext> {
    let readInbox = ReadInbox(database: database, clock: clock)
    let countsCache = InboxCountsCache(read: readInbox, bus: bus, clock: clock)
    // What the routes announce also keeps the inbox counts right at once.
    let bus = countsCache.announcing(on: bus)
    let links = TrackingLinks(database: database, clock: clock, publicURL: publicURL)
    guard let resources = Bundle.module.resourceFolder(containing: "openapi.yaml") else { throw CocoaError(.fileNoSuchFile) }
    let router = Router(context: ParleyRequestContext.self)
    router.add(middleware: PublicCORSMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: RequestGuardMiddleware())
    router.add(middleware: MetricsMiddleware())
    router.add(
        middleware: RateLimitMiddleware(limits: [
            ("/t/", .init(burst: 30, rate: 2)),
            ("/confirm/", .init(burst: 10, rate: 1)),
            // A person opens their preferences now and then; a mail client posts one unsubscribe.
            ("/p/", .init(burst: 20, rate: 1)),
            // Opens and clicks: a mail provider's image proxy fetches for many readers from one address.
            ("/e/", .init(burst: 300, rate: 50)),
            // A mail program opening a newsletter fetches the logo once; a flood is not a reader.
            ("/brand/", .init(burst: 60, rate: 10)),
            // A widget loads its settings once per page view.
            ("/widget/", .init(burst: 60, rate: 5)),
            // A reader opens a few articles a minute; a crawler walking every search is not one.
            ("/help/", .init(burst: 60, rate: 10)),
            // A person sends a contact form now and then; a shop may show the form on every page.
            ("POST /f/", .init(burst: 10, rate: 0.2)),
            ("/f/", .init(burst: 60, rate: 10)),
            // Platforms send bursts when a shop imports or bulk-fulfils orders: only webhooks that
            // fail their signature count, so guessing is slowed and a verified flood is not.
            ("/hooks/", .init(burst: 500, rate: 100, refusalsOnly: true)),
        ]))

    let openAPI = try Data(contentsOf: resources.appendingPathComponent("openapi.yaml"))
    SystemRoutes(
        database: database, registry: registry, openAPIDocument: ByteBuffer(bytes: openAPI),
        settings: ShopSettings(database: database, clock: clock)
    ).register(on: router)

    // Behind the key, every route knows its shop: a ShopRequestContext is made once the key is checked.
    let api = router.group("api/v1")
        .add(middleware: APIKeyMiddleware(keys: ApiKeys(database: database, clock: clock)))
        .group(context: ShopRequestContext.self)
        .add(
            middleware: IdempotencyMiddleware(
                requests: IdempotentRequests(database: database, clock: clock),
                bodyLimit: max(ParleyRequestContext.defaultBodyLimit, maxMessageSize)))
    CustomerRoutes(
        upsert: UpsertCustomer(database: database, clock: clock), read: ReadCustomers(database: database),
        recordConsent: RecordConsent(database: database, clock: clock), export: ExportCustomer(database: database, clock: clock),
        erase: EraseCustomer(database: database, clock: clock),
        preferences: PreferenceCentre(database: database, clock: clock, publicURL: publicURL)
    ).register(on: api)
    CustomerEventRoutes(record: RecordCustomerActivity(database: database, clock: clock)).register(on: api)
    let flowTestRuns = FlowTestRuns(
        database: database, clock: clock, catalogs: try MessageCatalogs(),
        preferences: PreferenceCentre(database: database, clock: clock, publicURL: publicURL))
    FlowRoutes(flows: ManageFlows(database: database, clock: clock), testRuns: flowTestRuns).register(on: api)
    SegmentRoutes(segments: ManageSegments(database: database, clock: clock)).register(on: api)
    CampaignRoutes(campaigns: ManageCampaigns(database: database, clock: clock)).register(on: api)

    OrderRoutes(
        ingest: IngestOrderEvent(database: database, clock: clock), read: ReadOrders(database: database), links: links, clock: clock
    ).register(on: api)
    let orderTemplates = try await OrderMessageTemplates()
    let preview = PreviewOrderMessage(database: database, templates: orderTemplates, links: links)
    OrderMessageRoutes(
        preview: preview, testSend: TestSendOrderMessage(database: database, clock: clock, preview: preview),
        read: ReadMessages(database: database)
    ).register(on: api)
    ShopRoutes(settings: ShopSettings(database: database, clock: clock)).register(on: api)
    let readConversations = ReadConversations(database: database)
    ConversationRoutes(
        read: readConversations, update: UpdateConversation(database: database, clock: clock),
        reply: ReplyToConversation(
            database: database, clock: clock, fallbackDomain: URLComponents(string: publicURL)?.host ?? "parley.localhost", bus: bus),
        addNote: AddNote(database: database, clock: clock), merge: MergeConversations(database: database, clock: clock),
        split: SplitConversation(database: database, clock: clock)
    ).register(on: api)
    CannedResponseRoutes(canned: CannedResponses(database: database, clock: clock)).register(on: api)
    ArticleRoutes(knowledge: KnowledgeBase(database: database, clock: clock)).register(on: api)
    AssistantRoutes(
        assistant: Assistant(database: database, links: links, catalogs: try MessageCatalogs(), model: OpenAICompatibleModel()),
        publicURL: publicURL
    )
    .register(on: api)
    SuppressionRoutes(suppressions: Suppressions(database: database)).register(on: api)
    WebhookRoutes(webhooks: ManageWebhooks(database: database, clock: clock, policy: webhookPolicy)).register(on: api)
    ChannelRoutes(
        channels: ApiChannels(database: database, clock: clock, policy: webhookPolicy),
        receive: ReceiveChannelMessage(database: database, clock: clock, bus: bus),
        report: ReportChannelDelivery(database: database, clock: clock),
        bodyLimit: max(ParleyRequestContext.defaultBodyLimit, maxMessageSize)
    ).register(on: api)
    ApiKeyRoutes(keys: ApiKeys(database: database, clock: clock), clock: clock).register(on: api)
    AuditLogRoutes(log: AuditLog(database: database, clock: clock)).register(on: api)
    InboxEventRoutes(bus: bus).register(on: api)
    InboundEmailRoutes(
        receive: ReceiveEmail(database: database, clock: clock, sizeLimit: maxMessageSize), read: readConversations,
        sizeLimit: maxMessageSize
    ).register(on: api)
    OrderHookRoutes(adapters: OrderWebhookAdapters.all, receive: ReceiveOrderWebhook(database: database, clock: clock))
        .register(on: router)

    SMSHookRoutes(
        findShop: FindShop(database: database), settings: ShopSettings(database: database, clock: clock),
        record: RecordSMSCallback(database: database, clock: clock, events: InboxEvents(bus: bus), links: links), publicURL: publicURL
    ).register(on: router)

    let views = try await Views(resources: resources)
    let chat = LiveChat(database: database, clock: clock, bus: bus)
    WidgetCallbackRoutes(
        callbacks: CallbackRequests(database: database, clock: clock, bus: bus), chat: chat, findShop: FindShop(database: database)
    ).register(on: router)
    WidgetRoutes(
        chat: chat, findShop: FindShop(database: database), settings: ShopSettings(database: database, clock: clock), views: views,
        script: ByteBuffer(bytes: try Data(contentsOf: resources.appendingPathComponent("widget/widget.js"))),
        publicURL: publicURL
    ).register(on: router)
    WidgetEventRoutes(record: RecordCustomerEvents(database: database, clock: clock), findShop: FindShop(database: database))
        .register(on: router)
    TrackingRoutes(
        read: ReadTrackingPage(database: database, links: links), views: views, publicURL: publicURL
    ).register(on: router)
    ConfirmAddressRoutes(
        confirmations: AddressConfirmations(database: database, clock: clock, publicURL: publicURL), views: views
    ).register(on: router)
    PreferenceRoutes(
        centre: PreferenceCentre(database: database, clock: clock, publicURL: publicURL),
        settings: ShopSettings(database: database, clock: clock), views: views, publicURL: publicURL, clock: clock
    ).register(on: router)
    EngagementRoutes(tracking: EngagementTracking(database: database, clock: clock), views: views).register(on: router)
    let knowledge = KnowledgeBase(database: database, clock: clock)
    HelpRoutes(
        findShop: FindShop(database: database), knowledge: knowledge, settings: ShopSettings(database: database, clock: clock),
        views: views, publicURL: publicURL
    ).register(on: router)

    ContactFormRoutes(
        findShop: FindShop(database: database),
        submit: SubmitContactForm(
            database: database, clock: clock, bus: bus, catalogs: try MessageCatalogs(),
            fallbackDomain: URLComponents(string: publicURL)?.host ?? "parley.localhost"),
        settings: ShopSettings(database: database, clock: clock), views: views, publicURL: publicURL
    ).register(on: router)

    let signIn = SignIn(database: database, clock: clock, throttle: LoginThrottle())
    let gate = AppGate(
        sessions: AgentSessions(database: database, clock: clock), findShop: FindShop(database: database), views: views, clock: clock,
        outbox: demoOutbox)
    // Listed for the OpenAPI contract always; answers only in the demo.
    OutboxRoutes(gate: gate, outbox: DemoOutbox(database: database, clock: clock), views: views).register(on: router)
    AutomationRoutes(
        gate: gate, flows: ManageFlows(database: database, clock: clock), testRuns: flowTestRuns,
        segments: ManageSegments(database: database, clock: clock), views: views
    ).register(on: router)
    SegmentPageRoutes(gate: gate, segments: ManageSegments(database: database, clock: clock), views: views).register(on: router)
    CampaignPageRoutes(
        gate: gate, campaigns: ManageCampaigns(database: database, clock: clock),
        segments: ManageSegments(database: database, clock: clock),
        preview: CampaignPreview(catalogs: try MessageCatalogs(), publicURL: publicURL),
        settings: ShopSettings(database: database, clock: clock),
        views: views
    ).register(on: router)
    AssetRoutes(assets: views.assets).register(on: router)
    InboxRoutes(
        gate: gate, inbox: readInbox, countsCache: countsCache, teams: ManageTeams(database: database, clock: clock),
        read: readConversations,
        panel: ReadCustomerPanel(database: database), update: UpdateConversation(database: database, clock: clock),
        reply: ReplyToConversation(
            database: database, clock: clock, fallbackDomain: URLComponents(string: publicURL)?.host ?? "parley.localhost", bus: bus),
        addNote: AddNote(database: database, clock: clock), canned: CannedResponses(database: database, clock: clock),
        logCall: LogPhoneCall(database: database, clock: clock), links: links, views: views, bus: bus
    ).register(on: router)
    InboxLiveRoutes(gate: gate, read: readConversations, bus: bus, chat: chat).register(on: router)
    OriginalMailRoutes(gate: gate, read: readConversations).register(on: router)
    CallbackRoutes(
        gate: gate, callbacks: CallbackRequests(database: database, clock: clock, bus: bus),
        logCall: LogPhoneCall(database: database, clock: clock),
        inbox: readInbox, views: views
    ).register(on: router)
    MergeSplitRoutes(
        gate: gate, merge: MergeConversations(database: database, clock: clock), split: SplitConversation(database: database, clock: clock),
        read: readConversations, bus: bus
    ).register(on: router)
    CustomerPanelRoutes(
        gate: gate, edit: EditCustomer(database: database, clock: clock), logCall: LogPhoneCall(database: database, clock: clock),
        views: views, bus: bus
    ).register(on: router)
    WebhookSettingsRoutes(
        gate: gate, webhooks: ManageWebhooks(database: database, clock: clock, policy: webhookPolicy),
        channels: ApiChannels(database: database, clock: clock, policy: webhookPolicy), views: views, clock: clock
    ).register(on: router)
    MailProblemsRoutes(
        gate: gate, receive: ReceiveEmail(database: database, clock: clock, sizeLimit: maxMessageSize),
        undelivered: UndeliveredMail(database: database, clock: clock), suppressions: Suppressions(database: database),
        read: readConversations, views: views
    ).register(on: router)
    SettingsRoutes(
        gate: gate, settings: ShopSettings(database: database, clock: clock), addAgent: AddAgent(database: database, clock: clock),
        changeRole: ChangeAgentRole(database: database, clock: clock), keys: ApiKeys(database: database, clock: clock),
        teams: ManageTeams(database: database, clock: clock), logos: ShopLogos(database: database, clock: clock), inbox: readInbox,
        views: views, publicURL: publicURL
    ).register(on: router)
    ArticleSettingsRoutes(gate: gate, knowledge: knowledge, views: views).register(on: router)
    MessagePreviewRoutes(
        gate: gate, preview: preview,
        templates: ShopMessageTemplates(database: database, clock: clock, templates: orderTemplates, preview: preview), views: views,
        clock: clock
    ).register(on: router)
    ProfileRoutes(gate: gate, profiles: AgentProfiles(database: database), views: views).register(on: router)
    AgentRoutes(signIn: signIn, sessions: AgentSessions(database: database, clock: clock), views: views).register(on: router)
    TwoFactorRoutes(
        signIn: signIn, sessions: AgentSessions(database: database, clock: clock), twoFactor: TwoFactor(database: database, clock: clock),
        findShop: FindShop(database: database), views: views
    ).register(on: router)
    // Last, so that it sees only what no route took.
    router.add(middleware: MethodNotAllowedMiddleware(routes: router.routes.map { ($0.path.description, $0.method) }))
    return router
}
