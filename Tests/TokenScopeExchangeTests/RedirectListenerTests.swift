import Testing
import TokenScopeCore
import TokenScopeHTTP

@Suite("Loopback redirect listener")
struct RedirectListenerTests {
    let transport = AsyncHTTPTransport(connectTimeoutSeconds: 2, requestTimeoutSeconds: 5)

    func get(_ url: String, headers: [(name: String, value: String)] = []) async throws -> HTTPResponse {
        try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers))
    }

    @Test func deliversTheQueryOnceAnswersAFixedPageAndStops() async throws {
        let listener = try await LoopbackRedirectListener.start()
        #expect(listener.port > 0)
        #expect(listener.redirectURI == "http://localhost:\(listener.port)/")
        let base = "http://127.0.0.1:\(listener.port)"

        let waiter = Task { try await listener.waitForRedirect(timeoutSeconds: 10) }
        let favicon = try await get(base + "/favicon.ico")
        #expect(favicon.status == 404)
        let bare = try await get(base + "/")
        #expect(bare.status == 400)
        let noCode = try await get(base + "/?state=abc")
        #expect(noCode.status == 400)

        let page = try await get(base + "/?code=SECRET-CODE%3Cscript%3E&state=st4te&session_state=x")
        #expect(page.status == 200)
        #expect(page.header("content-type")?.hasPrefix("text/html") == true)
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("You can close this window and return to the terminal"))
        #expect(!html.contains("SECRET") && !html.contains("st4te") && !html.contains("script"))
        #expect(page.header("cache-control") == "no-store")

        #expect(try await waiter.value == "code=SECRET-CODE%3Cscript%3E&state=st4te&session_state=x")
        // Later waits get the same answer at once; the listener no longer accepts connections.
        #expect(try await listener.waitForRedirect(timeoutSeconds: 1) == "code=SECRET-CODE%3Cscript%3E&state=st4te&session_state=x")
        // The port is free again once the listener has stopped (binding it would fail otherwise).
        var rebound: LoopbackRedirectListener?
        for _ in 0..<50 where rebound == nil {
            rebound = try? await LoopbackRedirectListener.start(port: listener.port)
            if rebound == nil { try await Task.sleep(nanoseconds: 20_000_000) }
        }
        #expect(rebound?.port == listener.port)
        await rebound?.close()
        await listener.close()
        await transport.shutdown()
    }

    @Test func errorRedirectIsDeliveredToo() async throws {
        let listener = try await LoopbackRedirectListener.start(path: "/callback")
        #expect(listener.redirectURI == "http://localhost:\(listener.port)/callback")
        let base = "http://127.0.0.1:\(listener.port)"
        #expect(try await get(base + "/?error=x").status == 404)
        let page = try await get(base + "/callback?error=access_denied&error_description=AADSTS65004%3A+declined&state=s")
        #expect(page.status == 200)
        let received = try await listener.waitForRedirect(timeoutSeconds: 5)
        #expect(try RedirectParser.parse(received, expectedState: "s")
            == .error(error: "access_denied", description: "AADSTS65004: declined", codes: [65004], traceId: nil, correlationId: nil, timestamp: nil))
        await listener.close()
        await transport.shutdown()
    }

    @Test func formPostBodyIsDelivered() async throws {
        let listener = try await LoopbackRedirectListener.start()
        let body = "code=abc.def&state=st&session_state=ss"
        let response = try await transport.send(HTTPRequest(method: "POST", url: "http://127.0.0.1:\(listener.port)/",
                                                            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)))
        #expect(response.status == 200)
        #expect(try await listener.waitForRedirect(timeoutSeconds: 5) == body)
        await listener.close()
        await transport.shutdown()
    }

    @Test func foreignHostHeaderIsRefused() async throws {
        let listener = try await LoopbackRedirectListener.start()
        let response = try await get("http://127.0.0.1:\(listener.port)/?code=abc", headers: [("Host", "evil.example:\(listener.port)")])
        #expect(response.status == 400)
        await #expect(throws: LoopbackRedirectListener.Failure.timedOut(seconds: 0.2)) {
            _ = try await listener.waitForRedirect(timeoutSeconds: 0.2)
        }
        await listener.close()
        await transport.shutdown()
    }

    @Test func onlyLoopbackAddresses() async throws {
        await #expect(throws: LoopbackRedirectListener.Failure.notLoopback("0.0.0.0")) {
            _ = try await LoopbackRedirectListener.start(host: "0.0.0.0")
        }
        await #expect(throws: LoopbackRedirectListener.Failure.notLoopback("192.168.1.10")) {
            _ = try await LoopbackRedirectListener.start(host: "192.168.1.10")
        }
        await transport.shutdown()
    }

    @Test func timesOutClosesAndCancels() async throws {
        let listener = try await LoopbackRedirectListener.start()
        let clock = ContinuousClock()
        let started = clock.now
        await #expect(throws: LoopbackRedirectListener.Failure.timedOut(seconds: 0.2)) {
            _ = try await listener.waitForRedirect(timeoutSeconds: 0.2)
        }
        // Generous: the point is that it ends, not how fast a loaded 2-core machine schedules it (in the
        // full parallel suite, tests blocking the pool's threads can delay a resumption by a minute).
        #expect(clock.now - started < .seconds(300))

        let cancelled = Task { try await listener.waitForRedirect(timeoutSeconds: 30) }
        try await Task.sleep(nanoseconds: 50_000_000)
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { _ = try await cancelled.value }

        let waiting = Task { try await listener.waitForRedirect(timeoutSeconds: 30) }
        try await Task.sleep(nanoseconds: 50_000_000)
        await listener.close()
        await #expect(throws: LoopbackRedirectListener.Failure.closed) { _ = try await waiting.value }
        await #expect(throws: LoopbackRedirectListener.Failure.closed) { _ = try await listener.waitForRedirect(timeoutSeconds: 1) }
        await transport.shutdown()
    }
}
