import Foundation
import Hummingbird
import Logging
import NIOCore
import ParleyServices

/// Turns every error, from any route or middleware behind it, into a problem+json response.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var problem = Self.problem(for: error, request: request, context: context)
            problem.instance = request.uri.path
            var headers: HTTPFields = [:]
            if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"parley\"" }
            if let retry = (error as? TooManyRequests)?.retryAfterSeconds { headers[.retryAfter] = String(retry) }
            if let allowed = (error as? MethodNotAllowed)?.allowed {
                headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            }
            return problem.response(headers: headers)
        }
    }

    static func problem(for error: any Error, request: Request, context: Context) -> Problem {
        switch error {
        case let error as any UseCaseError:
            // A use case's refusal becomes a status (`Refusal.status`); its sentence is the detail.
            let field = if case .invalid(let field) = error.refusal { field } else { String?.none }
            return Problem(status: error.refusal.status, detail: error.description, field: field)
        case let error as OrderNotYetKnown:
            // Platforms retry a delivery that was not accepted: the order's creation may still arrive.
            return Problem(status: .conflict, detail: error.description)
        case let error as ReceiveEmailError:
            switch error {
            case .tooLarge: return Problem(status: .contentTooLarge, detail: error.description)
            case .empty: return Problem(status: .badRequest, detail: error.description)
            }
        case let error as TooManyRequests:
            return Problem(status: .tooManyRequests, detail: error.detail)
        case let error as MethodNotAllowed:
            return Problem(
                status: .methodNotAllowed,
                detail:
                    "\(request.method) is not allowed on \(request.uri.path); use \(error.allowed.map(\.rawValue).joined(separator: " or "))"
            )
        case let error as BodyTooLarge:
            let mebibytes = Double(error.limit) / 1_048_576
            return Problem(
                status: .contentTooLarge,
                detail:
                    "the request body is larger than this route's limit of \(error.limit) bytes (\(mebibytes.formatted(.number.precision(.fractionLength(0...2)))) MiB)"
            )
        case let error as NIOTooManyBytesError:
            let limit = error.maxBytes.map { " of \($0) bytes" } ?? ""
            return Problem(status: .contentTooLarge, detail: "the request body is larger than this route's limit\(limit)")
        case let error as HTTPError:
            return Problem(status: error.status, detail: error.body ?? defaultDetail(error.status, request: request))
        default:
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(
                status: .internalServerError,
                detail: "the server failed to answer; the error is in its log under request id \(context.id)")
        }
    }

    private static func defaultDetail(_ status: HTTPResponse.Status, request: Request) -> String {
        switch status {
        case .notFound: "no route matches \(request.method) \(request.uri.path)"
        case .methodNotAllowed: "\(request.method) is not allowed on \(request.uri.path)"
        case .contentTooLarge: "the request body is larger than this route accepts"
        default: status.reasonPhrase
        }
    }
}
