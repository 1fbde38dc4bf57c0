package io.syncplane.emulator;

import io.syncplane.emulator.activity.ActivityGenerator;
import io.syncplane.emulator.admin.AdminContentEndpoints;
import io.syncplane.emulator.admin.AdminControlEndpoints;
import io.syncplane.emulator.admin.AdminOAuthEndpoints;
import io.syncplane.emulator.admin.AdminUserEndpoints;
import io.syncplane.emulator.admin.EmulatorAdmin;
import io.syncplane.emulator.calendar.CalendarEndpoints;
import io.syncplane.emulator.calendar.CalendarSeeder;
import io.syncplane.emulator.calendar.CalendarWriteEndpoints;
import io.syncplane.emulator.calendar.CalendarWatchEndpoints;
import io.syncplane.emulator.calendar.ChannelRegistry;
import io.syncplane.emulator.faults.FaultInjector;
import io.syncplane.emulator.gmail.GmailEndpoints;
import io.syncplane.emulator.gmail.GmailSeeder;
import io.syncplane.emulator.gmail.GmailWriteEndpoints;
import io.syncplane.emulator.http.RouteTable;
import io.syncplane.emulator.oauth.AuthorizationCodes;
import io.syncplane.emulator.oauth.AuthorizationEndpoint;
import io.syncplane.emulator.oauth.ConsentSettings;
import io.syncplane.emulator.oauth.Grants;
import io.syncplane.emulator.oauth.IdTokens;
import io.syncplane.emulator.oauth.OAuthClients;
import io.syncplane.emulator.oauth.TokenEndpoint;
import io.syncplane.emulator.oauth.TokenService;
import io.syncplane.emulator.oauth.UserinfoEndpoint;
import io.syncplane.emulator.people.ContactSeeder;
import io.syncplane.emulator.people.PeopleEndpoints;
import io.syncplane.emulator.people.PeopleWriteEndpoints;
import io.syncplane.emulator.push.PushService;
import io.syncplane.emulator.quota.QuotaGate;
import io.syncplane.emulator.quota.UsageMeters;
import io.syncplane.emulator.requests.RequestLog;
import io.syncplane.emulator.seed.UserSizes;
import io.syncplane.emulator.server.BatchEndpoint;
import io.syncplane.emulator.server.CallPipeline;
import io.syncplane.emulator.server.EmulatorServer;
import io.syncplane.emulator.tasks.TaskSeeder;
import io.syncplane.emulator.tasks.TaskWriteEndpoints;
import io.syncplane.emulator.tasks.TasksEndpoints;
import io.syncplane.emulator.users.UserAccount;
import io.syncplane.emulator.users.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running Google emulator: Gmail, Calendar, People and Tasks on one port, with an OAuth token endpoint, a JWKS for
 * push tokens and an admin API. Start one per test class with {@link #builder()}; point the Google clients at
 * {@link #rootUrl()}.
 */
public final class GoogleEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleEmulator.class);

    private final EmulatorConfig config;
    private final EmulatorServer server;
    private final EmulatorThreads threads;
    private final EmulatorAdmin admin;
    private final String rootUrl;

    private GoogleEmulator(EmulatorConfig config, EmulatorServer server, EmulatorThreads threads, EmulatorAdmin admin,
                           String rootUrl) {
        this.config = config;
        this.server = server;
        this.threads = threads;
        this.admin = admin;
        this.rootUrl = rootUrl;
    }

    public static EmulatorBuilder builder() {
        return new EmulatorBuilder();
    }

    static GoogleEmulator start(EmulatorConfig config) {
        EmulatorServer server = new EmulatorServer(config.host(), config.port(), config.maxThreads());
        EmulatorThreads threads = new EmulatorThreads();
        try {
            server.start();
            String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
            String rootUrl = "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + server.port() + "/";
            EmulatorAdmin admin = wire(config, server, threads, rootUrl);
            if (config.activityRate() > 0) {
                admin.activityRate(config.activityRate());
            }
            LOG.info("Google emulator: {} users (seed {}) at {} - admin {}admin", config.users(), config.seed(),
                    rootUrl, rootUrl);
            return new GoogleEmulator(config, server, threads, admin, rootUrl);
        } catch (Exception e) {
            threads.close();
            try {
                server.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the Google emulator: " + e.getMessage(), e);
        }
    }

    private static EmulatorAdmin wire(EmulatorConfig config, EmulatorServer server, EmulatorThreads threads,
                                      String rootUrl) {
        Clock clock = config.clock();
        Duration horizon = config.history().horizon();
        GmailSeeder gmail = new GmailSeeder(config.seed(), config.seedEpoch(), config.history(), clock);
        CalendarSeeder calendar = new CalendarSeeder(config.seed(), config.seedEpoch(), horizon, clock);
        ContactSeeder contacts = new ContactSeeder(config.seed(), config.seedEpoch(), horizon, clock);
        TaskSeeder tasks = new TaskSeeder(config.seed(), config.seedEpoch(), clock);
        int retention = (int) Math.max(1, config.countRetention().toSeconds());
        UserDirectory users = new UserDirectory(config.users(), index -> {
            String email = UserDirectory.emailOf(index);
            UserSizes sizes = config.sizesFor(email);
            return new UserAccount(index, email, gmail.seed(index, email, sizes.messages()),
                    calendar.seed(index, email, sizes.events(), sizes.calendars(),
                            sizes.recurringPerCalendar()), contacts.seed(index, sizes.contacts()),
                    tasks.seed(index, sizes.tasks()), new UsageMeters(retention));
        });
        OAuthClients clients = new OAuthClients(config.oauthClient());
        config.oauthClients().forEach(registration -> clients.register(registration.client(),
                registration.redirectUris()));
        Grants grants = new Grants(config.oauthClient().clientId());
        TokenService tokens = new TokenService(users, clients, grants, config.seed(), clock, config.tokenLifetime());
        AuthorizationCodes codes = new AuthorizationCodes(clock, grants, tokens);
        ConsentSettings consent = new ConsentSettings();
        QuotaGate quota = new QuotaGate(clock, config.quotas());
        FaultInjector faults = new FaultInjector();
        ChannelRegistry channels = new ChannelRegistry();
        PushService push = new PushService(clock, config.push(), channels, threads.scheduler, threads.pushHttp);
        AtomicReference<EmulatorAdmin> adminRef = new AtomicReference<>();
        ActivityGenerator activity = new ActivityGenerator(threads.scheduler, adminRef::get, config.users(),
                config.seed());
        RequestLog requests = RequestLog.systemTime();
        EmulatorAdmin admin = new EmulatorAdmin(users, tokens, clients, consent, quota, faults, push, channels,
                activity, requests, clock);
        adminRef.set(admin);

        RouteTable routes = new RouteTable();
        AtomicReference<CallPipeline> pipeline = new AtomicReference<>();
        new TokenEndpoint(tokens, clients, codes, new IdTokens(), clock).register(routes);
        new AuthorizationEndpoint(clients, grants, consent, users, codes).register(routes);
        new UserinfoEndpoint(tokens).register(routes);
        push.register(routes);
        new GmailEndpoints(clock).register(routes);
        new GmailWriteEndpoints(push::mailboxChanged).register(routes);
        new CalendarEndpoints(clock, horizon).register(routes);
        new CalendarWriteEndpoints(push.calendarNotifier()).register(routes);
        new CalendarWatchEndpoints(clock, channels, push.calendarNotifier(), rootUrl).register(routes);
        new PeopleEndpoints(clock, horizon).register(routes);
        new PeopleWriteEndpoints().register(routes);
        new TasksEndpoints(rootUrl).register(routes);
        new TaskWriteEndpoints(rootUrl).register(routes);
        new BatchEndpoint(pipeline::get).register(routes);
        new AdminUserEndpoints(admin).register(routes);
        new AdminContentEndpoints(admin).register(routes);
        new AdminOAuthEndpoints(admin).register(routes);
        new AdminControlEndpoints(admin, Map.of("rootUrl", rootUrl, "tokenUrl", rootUrl + "token",
                "authorizationUrl", rootUrl + "o/oauth2/v2/auth", "revocationUrl", rootUrl + "revoke",
                "userinfoUrl", rootUrl + "oauth2/v3/userinfo", "jwksUrl", rootUrl + "oauth2/v3/certs",
                "adminUrl", rootUrl + "admin")).register(routes);
        pipeline.set(new CallPipeline(routes, tokens, quota, faults, clock));
        server.serve(pipeline.get(), threads.scheduler, requests);
        return admin;
    }

    /** {@code http://127.0.0.1:PORT/}: give it to every Google client's {@code setRootUrl}. */
    public String rootUrl() {
        return rootUrl;
    }

    /** The OAuth token endpoint (refresh_token and authorization_code grants). */
    public String tokenUrl() {
        return rootUrl + "token";
    }

    /** The OAuth authorization endpoint, which consents at once (see {@code EmulatorAdmin} for who and whether). */
    public String authorizationUrl() {
        return rootUrl + "o/oauth2/v2/auth";
    }

    /** The token revocation endpoint. */
    public String revocationUrl() {
        return rootUrl + "revoke";
    }

    /** The OpenID Connect userinfo endpoint. */
    public String userinfoUrl() {
        return rootUrl + "oauth2/v3/userinfo";
    }

    /** The JWKS that push JWTs and ID tokens verify against. */
    public String jwksUrl() {
        return rootUrl + "oauth2/v3/certs";
    }

    public String adminUrl() {
        return rootUrl + "admin";
    }

    public int port() {
        return server.port();
    }

    public EmulatorAdmin admin() {
        return admin;
    }

    public EmulatorConfig config() {
        return config;
    }

    /** Blocks until the server stops (standalone mode). */
    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() {
        try {
            admin.activityRate(0);
            server.close();
        } catch (Exception e) {
            LOG.warn("error while stopping the emulator", e);
        } finally {
            threads.close();
        }
    }
}
