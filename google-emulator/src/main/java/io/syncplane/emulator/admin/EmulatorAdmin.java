package io.syncplane.emulator.admin;

import io.syncplane.emulator.activity.ActivityGenerator;
import io.syncplane.emulator.calendar.AccessRole;
import io.syncplane.emulator.calendar.CalendarBook;
import io.syncplane.emulator.calendar.CalendarEvent;
import io.syncplane.emulator.calendar.Channel;
import io.syncplane.emulator.calendar.ChannelRegistry;
import io.syncplane.emulator.calendar.EmulatedCalendar;
import io.syncplane.emulator.calendar.EventChange;
import io.syncplane.emulator.calendar.EventTime;
import io.syncplane.emulator.calendar.NewEvent;
import io.syncplane.emulator.faults.FaultInjector;
import io.syncplane.emulator.faults.FaultPlan;
import io.syncplane.emulator.gmail.GmailLabel;
import io.syncplane.emulator.gmail.GmailWatch;
import io.syncplane.emulator.gmail.NewMessage;
import io.syncplane.emulator.http.Api;
import io.syncplane.emulator.oauth.ConsentSettings;
import io.syncplane.emulator.oauth.OAuthClient;
import io.syncplane.emulator.oauth.OAuthClients;
import io.syncplane.emulator.oauth.OAuthCredentials;
import io.syncplane.emulator.oauth.Scopes;
import io.syncplane.emulator.oauth.TokenService;
import io.syncplane.emulator.people.Contact;
import io.syncplane.emulator.people.ContactChange;
import io.syncplane.emulator.people.NewContact;
import io.syncplane.emulator.push.PushService;
import io.syncplane.emulator.push.PushSettings;
import io.syncplane.emulator.push.PushStats;
import io.syncplane.emulator.quota.ApiCounts;
import io.syncplane.emulator.quota.QuotaGate;
import io.syncplane.emulator.requests.RequestLog;
import io.syncplane.emulator.quota.QuotaSettings;
import io.syncplane.emulator.tasks.EmulatedTask;
import io.syncplane.emulator.tasks.NewTask;
import io.syncplane.emulator.tasks.TaskChange;
import io.syncplane.emulator.tasks.TaskListView;
import io.syncplane.emulator.users.UserAccount;
import io.syncplane.emulator.users.UserDirectory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed admin facade: everything the admin HTTP API offers, for in-process use by tests. Users are addressed by
 * email; an unknown email throws {@link UnknownUserException}, an unknown item {@link java.util.NoSuchElementException}.
 */
public final class EmulatorAdmin {

    private final RequestLog requestLog;
    private final UserDirectory users;
    private final TokenService tokens;
    private final OAuthClients oauthClients;
    private final ConsentSettings consent;
    private final QuotaGate quota;
    private final FaultInjector faults;
    private final PushService push;
    private final ChannelRegistry channels;
    private final ActivityGenerator activity;
    private final Clock clock;
    private final Mutations mutations;

    public EmulatorAdmin(UserDirectory users, TokenService tokens, OAuthClients oauthClients, ConsentSettings consent,
                         QuotaGate quota, FaultInjector faults, PushService push, ChannelRegistry channels,
                         ActivityGenerator activity, RequestLog requestLog, Clock clock) {
        this.requestLog = requestLog;
        this.users = users;
        this.tokens = tokens;
        this.oauthClients = oauthClients;
        this.consent = consent;
        this.quota = quota;
        this.faults = faults;
        this.push = push;
        this.channels = channels;
        this.activity = activity;
        this.clock = clock;
        this.mutations = new Mutations(push);
    }

    // ---- users and authorisation -------------------------------------------------------------------------------

    public int userCount() {
        return users.count();
    }

    /** The address of user {@code index} (1-based): {@code user00001@example.test}. */
    public String email(int index) {
        if (index < 1 || index > users.count()) {
            throw new UnknownUserException("#" + index);
        }
        return UserDirectory.emailOf(index);
    }

    public List<String> users(int offset, int limit) {
        return users.emails(offset, limit);
    }

    public OAuthCredentials credentials(String email) {
        return tokens.credentials(user(email));
    }

    /** A fresh access token, skipping the refresh flow (tests of other things; the real path is the token URL). */
    public String accessToken(String email) {
        return tokens.issue(user(email)).value();
    }

    /**
     * A fresh access token of the default client carrying exactly {@code scopes}, e.g. only the read-only ones, to
     * see writes answered 403 insufficientPermissions. Tokens from the code flow carry exactly what was consented.
     */
    public String accessToken(String email, Collection<String> scopes) {
        return tokens.issue(user(email), new Scopes(new LinkedHashSet<>(scopes))).value();
    }

    /**
     * Revokes the user's grants of every OAuth client (as if the user removed every app's access): refreshes answer
     * invalid_grant, every access token 401.
     */
    public void revokeGrant(String email) {
        tokens.revokeAll(user(email));
    }

    /** The user authorises again: a new refresh token; earlier tokens stay dead. */
    public OAuthCredentials reauthorize(String email) {
        UserAccount user = user(email);
        user.grant().reauthorize();
        return tokens.credentials(user);
    }

    /** Makes every access token issued so far for the user, to any client, answer 401 (as if they had expired). */
    public void expireAccessTokens(String email) {
        tokens.expireAccessTokens(user(email));
    }

    /** The user's OpenID subject ({@code sub} of ID tokens and userinfo); stable per user index. */
    public String subject(String email) {
        return user(email).subject();
    }

    // ---- OAuth clients and consent ------------------------------------------------------------------------------

    /** Every OAuth client the emulator knows, the default one first, with its registered redirect URIs. */
    public List<OAuthClients.Registration> oauthClients() {
        List<OAuthClients.Registration> all = new ArrayList<>(oauthClients.all());
        String defaultId = oauthClients.defaultClient().clientId();
        all.sort(Comparator.comparing((OAuthClients.Registration r) -> !r.client().clientId().equals(defaultId))
                .thenComparing(r -> r.client().clientId()));
        return all;
    }

    /** Adds or replaces an OAuth client; no redirect URIs means any http(s) redirect is accepted. */
    public void registerOAuthClient(String clientId, String clientSecret, List<String> redirectUris) {
        oauthClients.register(new OAuthClient(clientId, clientSecret), redirectUris);
    }

    /**
     * Registers the exact redirect URIs a known client may use: any other gets Google's {@code redirect_uri_mismatch}
     * error page and no redirect. An empty list allows any http(s) redirect again.
     */
    public void redirectUris(String clientId, List<String> redirectUris) {
        oauthClients.redirectUris(clientId, redirectUris);
    }

    /** Who consents when an authorization request has no login_hint; null restores the default, user 1. */
    public void defaultConsentUser(String email) {
        consent.defaultUser(email == null ? null : user(email).email());
    }

    public Optional<String> defaultConsentUser() {
        return consent.defaultUser();
    }

    /** The next authorization request is denied: the browser goes back with {@code error=access_denied}. */
    public void denyNextConsent() {
        consent.denyNext(true);
    }

    /** Whether a denial set by {@link #denyNextConsent()} is still waiting for its request. */
    public boolean denyNextConsentPending() {
        return consent.denyNext();
    }

    /** Sets or clears the pending denial. */
    public void denyNextConsent(boolean deny) {
        consent.denyNext(deny);
    }

    /** Every outstanding cursor of the user becomes invalid: Gmail 404, Calendar 410, People EXPIRED_SYNC_TOKEN. */
    public void expireCursors(String email) {
        UserAccount user = user(email);
        user.mailbox().expireCursors();
        user.calendars().all().forEach(EmulatedCalendar::expireCursors);
        user.calendars().expireListCursors();
        user.contacts().expireCursors();
    }

    // ---- content ------------------------------------------------------------------------------------------------

    public MessageView addMessage(String email, NewMessage message) {
        return mutations.addMessage(user(email), message);
    }

    public void deleteMessage(String email, String messageId) {
        mutations.deleteMessage(user(email), messageId);
    }

    public MessageView modifyLabels(String email, String messageId, List<String> add, List<String> remove) {
        return mutations.modifyLabels(user(email), messageId, add, remove);
    }

    public GmailLabel createLabel(String email, String name) {
        return mutations.createLabel(user(email), name);
    }

    /** The newest messages (at most {@code limit}), cheap even for very large mailboxes. */
    public List<MessageView> recentMessages(String email, int limit) {
        return user(email).mailbox().list(message -> true, limit, null).messages().stream()
                .map(MessageView::of).toList();
    }

    public long historyId(String email) {
        return user(email).mailbox().historyId();
    }

    public CalendarEvent addEvent(String email, String calendarId, NewEvent event) {
        return mutations.addEvent(user(email), calendarId, event);
    }

    public CalendarEvent updateEvent(String email, String calendarId, String eventId, EventChange change) {
        return mutations.updateEvent(user(email), calendarId, eventId, change);
    }

    public CalendarEvent deleteEvent(String email, String calendarId, String eventId) {
        return mutations.deleteEvent(user(email), calendarId, eventId);
    }

    /**
     * Changes one occurrence of a recurring series (by the start the series gives it): it becomes an exception with
     * Google's instance id, {@code <seriesId>_<yyyyMMddTHHmmssZ>}.
     */
    public CalendarEvent changeInstance(String email, String calendarId, String seriesId, EventTime originalStart,
                                        EventChange change) {
        return mutations.changeInstance(user(email), calendarId, seriesId, originalStart, change);
    }

    /** Cancels one occurrence of a recurring series: a cancelled exception that listings return with the series. */
    public CalendarEvent cancelInstance(String email, String calendarId, String seriesId, EventTime originalStart) {
        return mutations.cancelInstance(user(email), calendarId, seriesId, originalStart);
    }

    /** The user's calendar list, primary first; removed calendars are left out. */
    public List<CalendarView> calendars(String email) {
        CalendarBook book = user(email).calendars();
        return book.all().stream().map(calendar -> CalendarView.of(calendar, book.primaryId())).toList();
    }

    /** A new secondary calendar in the user's list (accessRole: owner, writer, reader or freeBusyReader). */
    public CalendarView addCalendar(String email, String summary, String accessRole) {
        CalendarBook book = user(email).calendars();
        return CalendarView.of(book.add(summary, accessRole), book.primaryId());
    }

    /** The user removes a secondary calendar from the list: its events answer 404 from then on. */
    public void removeCalendar(String email, String calendarId) {
        user(email).calendars().remove(calendarId);
    }

    /** Only this calendar's sync tokens become invalid (410 fullSyncRequired); the user's other cursors stay good. */
    public void expireCalendarCursors(String email, String calendarId) {
        EmulatedCalendar calendar = user(email).calendars().calendar(calendarId);
        if (calendar == null) {
            throw new java.util.NoSuchElementException("no calendar " + calendarId + " for " + email);
        }
        calendar.expireCursors();
    }

    public Contact addContact(String email, NewContact contact) {
        return mutations.addContact(user(email), contact);
    }

    public Contact updateContact(String email, String resourceName, ContactChange change) {
        return mutations.updateContact(user(email), resourceName, change);
    }

    public Contact deleteContact(String email, String resourceName) {
        return mutations.deleteContact(user(email), resourceName);
    }

    public TaskListView addTaskList(String email, String title) {
        return mutations.addTaskList(user(email), title);
    }

    public EmulatedTask addTask(String email, String listId, NewTask task) {
        return mutations.addTask(user(email), listId, task);
    }

    public EmulatedTask updateTask(String email, String listId, String taskId, TaskChange change) {
        return mutations.updateTask(user(email), listId, taskId, change);
    }

    public EmulatedTask deleteTask(String email, String listId, String taskId) {
        return mutations.deleteTask(user(email), listId, taskId);
    }

    /** Everything the user has right now, per source. */
    public GroundTruth groundTruth(String email) {
        UserAccount user = user(email);
        Map<String, List<CalendarEvent>> events = new LinkedHashMap<>();
        user.calendars().all().stream().filter(calendar -> AccessRole.readsDetails(calendar.accessRole()))
                .forEach(calendar -> events.put(calendar.id(), calendar.listedEvents()));
        List<TaskListView> lists = user.tasks().lists().stream()
                .map(list -> new TaskListView(list.id(), list.title(), list.updated(),
                        list.tasks().stream().filter(task -> !task.deleted()).toList()))
                .toList();
        return new GroundTruth(user.email(), Long.toString(user.mailbox().historyId()),
                user.mailbox().allMessages().stream().map(MessageView::of).toList(), user.mailbox().labels(),
                events, user.contacts().liveContacts(), lists);
    }

    // ---- faults, quotas, counts ---------------------------------------------------------------------------------

    public FaultPlan globalFaults() {
        return faults.global();
    }

    public void globalFaults(FaultPlan plan) {
        faults.global(plan);
    }

    /** A plan for one user, replacing the global plan for that user; null removes it. */
    public void userFaults(String email, FaultPlan plan) {
        user(email).faults(plan);
    }

    public Optional<FaultPlan> userFaults(String email) {
        return Optional.ofNullable(user(email).faults());
    }

    /** Removes the global plan and every user's plan. */
    public void clearFaults() {
        faults.global(FaultPlan.none());
        users.touched().forEach(user -> user.faults(null));
    }

    public QuotaSettings quotas() {
        return quota.settings();
    }

    public void quotas(QuotaSettings settings) {
        quota.settings(settings);
    }

    /** Requests the user made, per API (see {@link ApiCounts#maxInWindow}). */
    public Map<Api, ApiCounts> requestCounts(String email) {
        return user(email).usage().snapshot();
    }

    public ApiCounts requestCounts(String email, Api api) {
        return requestCounts(email).get(api);
    }

    /** Resets the per-API counts and the log of HTTP requests per user. */
    public void resetRequestCounts() {
        users.touched().forEach(user -> user.usage().reset());
        requestLog.clear();
    }

    /** Every HTTP request a user's token sent, as Google's front end sees them (a batch is one). */
    public RequestLog requestLog() {
        return requestLog;
    }

    // ---- push ---------------------------------------------------------------------------------------------------

    public Optional<GmailWatch> gmailWatch(String email) {
        return Optional.ofNullable(user(email).mailbox().activeWatch());
    }

    public List<Channel> calendarChannels(String email) {
        return channels.ofUser(user(email).email(), clock.instant());
    }

    public PushSettings pushSettings() {
        return push.settings();
    }

    public void pushSettings(PushSettings settings) {
        push.settings(settings);
    }

    /** Sends Gmail notifications for one Pub/Sub topic to {@code endpoint} (null: back to the default endpoint). */
    public void topicEndpoint(String topicName, String endpoint) {
        push.topicEndpoint(topicName, endpoint);
    }

    public PushStats pushStats() {
        return push.stats();
    }

    // ---- activity -----------------------------------------------------------------------------------------------

    /** Random mutations per second across all users; 0 stops. */
    public void activityRate(double perSecond) {
        activity.rate(perSecond);
    }

    public double activityRate() {
        return activity.rate();
    }

    public long activityMutations() {
        return activity.mutations();
    }

    /** The emulator's clock, which drives token expiry, quota windows, cursor horizons and timestamps. */
    public Clock clock() {
        return clock;
    }

    UserAccount user(String email) {
        return users.byEmail(email).orElseThrow(() -> new UnknownUserException(email));
    }
}
