package io.batchrender.farm.azure;

import io.batchrender.farm.PoolChoice;
import io.batchrender.farm.PoolSpec;
import io.batchrender.farm.PoolImage;
import io.batchrender.farm.AzureJobSettings;
import io.batchrender.compile.SceneCompiler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.identity.CredentialUnavailableException;
import io.batchrender.farm.FarmException;
import io.batchrender.farm.JobInfo;
import io.batchrender.job.Job;
import io.batchrender.farm.JobState;
import io.batchrender.farm.PoolInfo;
import io.batchrender.farm.TaskInfo;
import io.batchrender.farm.TaskResult;
import io.batchrender.farm.azure.testdouble.BatchDouble;
import io.batchrender.settings.StateHome;

import io.batchrender.compile.SubmitRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * Microsoft Entra ID for the Azure farm, against the Batch double told which bearer tokens it
 * accepts. The tokens come from a static {@link TokenCredential}: a unit edge, since no Entra ID
 * service can be reached here (DefaultAzureCredential itself is exercised for its "no credential" answer).
 */
class AzureFarmEntraIdTest {

    @TempDir
    Path tmp;

    BatchDouble batch;
    final List<AzureFarm> farms = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        batch = BatchDouble.builder(tmp.resolve("nodes")).allocationTime(Duration.ofMillis(100)).start();
    }

    @AfterEach
    void stop() {
        farms.forEach(AzureFarm::close);
        batch.close();
    }

    /** Hands out the given tokens in turn (the last one again), recording each scope asked for. */
    static final class Tokens implements TokenCredential {
        final List<AccessToken> tokens;
        final List<List<String>> asked = new CopyOnWriteArrayList<>();

        Tokens(AccessToken... tokens) {
            this.tokens = List.of(tokens);
        }

        @Override
        public Mono<AccessToken> getToken(TokenRequestContext request) {
            return Mono.fromSupplier(() -> getTokenSync(request));
        }

        @Override
        public AccessToken getTokenSync(TokenRequestContext request) {
            asked.add(List.copyOf(request.getScopes()));
            return tokens.get(Math.min(asked.size(), tokens.size()) - 1);
        }
    }

    static AccessToken token(String value, OffsetDateTime expires) {
        return new AccessToken(value, expires);
    }

    private AzureFarm farm(BatchAccount account, TokenCredential credential, Clock clock) {
        AzureFarm f = new AzureFarm(account, () -> credential, clock, new StateHome(tmp.resolve("state")),
                AzureJobSettings.on(new PoolChoice.Existing("render")), 4, Duration.ofMillis(20));
        farms.add(f);
        return f;
    }

    private AzureFarm farm(TokenCredential credential) {
        return farm(BatchAccount.fromEnvironment(Map.of(BatchAccount.ENDPOINT, batch.url())), credential, Clock.systemUTC());
    }

    static Job frames(String command, String spec) {
        return SceneCompiler.compile(new SubmitRequest(Optional.empty(), Optional.of(List.of("sh", "-c", command)), Optional.empty(),
                spec, 1, Optional.empty(), Optional.empty(), 0, Optional.empty()));
    }

    @Test
    void anEndpointWithoutAKeyRunsPoolsAndJobsWithABearerToken() throws Exception {
        batch.acceptBearer("entra-token-1");
        Tokens tokens = new Tokens(token("entra-token-1", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        BatchAccount account = BatchAccount.fromEnvironment(Map.of(BatchAccount.ENDPOINT, batch.url()));
        assertTrue(account.usesEntraId());
        AzureFarm farm = farm(tokens);

        farm.createPool(new PoolSpec("render", "standard_d2s_v5", 1, 0, 2, PoolImage.Marketplace.ubuntu2204(), Optional.empty()));
        JobInfo job = farm.submit(frames("echo frame {frame}", "1-3")).job();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (farm.job(job.id()).orElseThrow().state() != JobState.COMPLETED) {
            assertTrue(System.nanoTime() < deadline, "job did not complete: " + farm.tasks(job.id()));
            Thread.sleep(50);
        }
        List<TaskInfo> tasks = farm.tasks(job.id());
        assertEquals(List.of("1", "2", "3"), tasks.stream().map(TaskInfo::id).toList());
        assertTrue(tasks.stream().allMatch(t -> t.result().equals(Optional.of(TaskResult.SUCCESS))), tasks.toString());
        assertEquals("frame 2\n", Files.readString(farm.log(job.id(), "2", 0).stdout()));
        PoolInfo pool = farm.pools().stream().filter(p -> p.id().equals("render")).findFirst().orElseThrow();
        assertEquals("standard_d2s_v5", pool.vmSize());
        farm.delete(job.id());
        farm.deletePool("render");

        assertEquals(batch.requestCount(), batch.bearerRequestCount(), "every request carried the bearer token");
        assertEquals(List.of(List.of("https://batch.core.windows.net/.default")), tokens.asked,
                "one token, for the Batch scope, reused while it is valid");
    }

    @Test
    void aTokenNearItsExpiryIsReplacedBeforeItIsSent() {
        Instant t0 = Instant.parse("2026-11-27T12:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(t0);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        OffsetDateTime start = t0.atOffset(ZoneOffset.UTC);
        Tokens tokens = new Tokens(token("first", start.plusHours(1)), token("second", start.plusHours(2)));
        batch.acceptBearer("first").acceptBearer("second");
        AzureFarm farm = farm(BatchAccount.entraId(batch.url(), batch.account()), tokens, clock);

        farm.pools();
        now.set(t0.plus(Duration.ofMinutes(54)));
        farm.pools();
        assertEquals(1, tokens.asked.size(), "54 minutes into an hour's token: still used");

        now.set(t0.plus(Duration.ofMinutes(56)));
        batch.revokeBearer("first"); // had the farm sent it again, the double would refuse it
        assertEquals(List.of(), farm.pools());
        assertEquals(2, tokens.asked.size(), "4 minutes before expiry: a new token was fetched");
    }

    @Test
    void aTokenTheAccountRefusesIsAClearAuthenticationMessage() {
        batch.acceptBearer("right");
        Tokens tokens = new Tokens(token("wrong", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)),
                token("right", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        AzureFarm farm = farm(tokens);

        FarmException e = assertThrows(FarmException.class, farm::pools);

        assertEquals("authentication failed: Azure Batch refused your Microsoft Entra ID sign-in: check the Batch account URL,"
                + " that the identity you signed in with has a role on the account (e.g. Azure Batch Data Contributor) and its"
                + " tenant ('az login --tenant'), or set AZURE_BATCH_ACCESS_KEY", e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the token is never shown");
        // the refused token is dropped: the next call asks for a new one (a role granted since, a new sign-in)
        assertEquals(List.of(), farm.pools());
        assertEquals(2, tokens.asked.size());
    }

    @Test
    void noCredentialSaysHowToSignIn() {
        TokenCredential none = new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.error(new CredentialUnavailableException("EnvironmentCredential authentication unavailable."));
            }
        };
        FarmException e = assertThrows(FarmException.class, () -> farm(none).pools());
        assertEquals(EntraBatchCredentials.SIGN_IN, e.getMessage());
        assertEquals(0, batch.requestCount(), "nothing sent without a token");
    }

    @Test
    void theKeyIsPreferredWhenBothAreGiven() {
        Tokens tokens = new Tokens(token("unused", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1)));
        BatchAccount account = BatchAccount.fromEnvironment(Map.of(BatchAccount.ENDPOINT, batch.url(),
                BatchAccount.ACCOUNT, batch.account(), BatchAccount.ACCESS_KEY, batch.key()));
        assertFalse(account.usesEntraId());

        assertEquals(List.of(), farm(account, tokens, Clock.systemUTC()).pools());

        assertTrue(tokens.asked.isEmpty(), "no token asked for");
        assertEquals(0, batch.bearerRequestCount());
        assertTrue(batch.requestCount() > 0);
    }

    @Test
    void whichAuthTheSettingsChoose() {
        String url = "https://studio.westeurope.batch.azure.com";
        BatchAccount entra = BatchAccount.fromEnvironment(Map.of(BatchAccount.ENDPOINT, url));
        assertEquals("studio", entra.name(), "the name follows from the URL");
        assertEquals("BatchAccount[studio at " + url + ", Entra ID]", entra.toString());
        assertTrue(BatchAccount.fromEnvironment(Map.of(BatchAccount.ENDPOINT, url, BatchAccount.ACCOUNT, "studio",
                BatchAccount.ACCESS_KEY, "c2VjcmV0", BatchAccount.AUTH_MODE, "aad")).usesEntraId(), "aad asked for: the key is left");
        FarmException keyMode = assertThrows(FarmException.class, () -> BatchAccount.fromEnvironment(Map.of(
                BatchAccount.ENDPOINT, url, BatchAccount.AUTH_MODE, "shared_key")));
        assertTrue(keyMode.getMessage().contains("set AZURE_BATCH_ACCOUNT, AZURE_BATCH_ACCESS_KEY"), keyMode.getMessage());
        FarmException none = assertThrows(FarmException.class, () -> BatchAccount.fromEnvironment(Map.of()));
        assertTrue(none.getMessage().contains("or only AZURE_BATCH_ENDPOINT to sign in with Microsoft Entra ID"), none.getMessage());
        assertThrows(FarmException.class, () -> BatchAccount.fromEnvironment(Map.of(BatchAccount.ENDPOINT, url,
                BatchAccount.AUTH_MODE, "kerberos")));
    }
}
