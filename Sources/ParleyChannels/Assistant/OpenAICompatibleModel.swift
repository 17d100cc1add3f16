import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ParleyCore

/// `POST {endpoint}/chat/completions` in the OpenAI wire format, which OpenAI, Azure's and most
/// self-hosted servers (vLLM, llama.cpp, Ollama) speak.
public struct OpenAICompatibleModel: LanguageModel {
    struct Body: Encodable {
        struct Message: Encodable {
            let role: String
            let content: String
        }

        let model: String
        let messages: [Message]
        let temperature: Double
        // swift-format-ignore: AlwaysUseLowerCamelCase
        let max_tokens: Int
    }

    struct Reply: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { let content: String? }
            let message: Message
        }

        let choices: [Choice]
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let client: HTTPClient
    /// A customer waits for the answer: a slow model is skipped, not waited for.
    private let timeout: Duration

    public init(client: HTTPClient = .shared, timeout: Duration = .seconds(8)) {
        self.client = client
        self.timeout = timeout
    }

    public func complete(_ request: CompletionRequest) async throws -> String {
        let base = request.endpoint.hasSuffix("/") ? String(request.endpoint.dropLast()) : request.endpoint
        var http = HTTPClientRequest(url: base + "/chat/completions")
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/json")
        if let key = request.key, !key.isEmpty { http.headers.add(name: "Authorization", value: "Bearer \(key)") }
        let body = Body(
            model: request.model, messages: request.messages.map { Body.Message(role: $0.role, content: $0.content) }, temperature: 0.2,
            max_tokens: 400)
        http.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
        let response = try await client.execute(http, timeout: TimeAmount(timeout))
        let data = Data(buffer: try await response.body.collect(upTo: 256 * 1024))
        guard response.status == .ok else {
            throw Failure(description: "the model answered HTTP \(response.status.code)")
        }
        guard
            let text = try JSONDecoder().decode(Reply.self, from: data).choices.first?.message.content?
                .trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else { throw Failure(description: "the model answered nothing") }
        return text
    }
}
