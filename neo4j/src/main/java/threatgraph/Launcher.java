package threatgraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, bound to 127.0.0.1.
 *
 * Arguments: HOME_DIR BOLT_PORT. Environment: TG_NEO4J_PASSWORD (required),
 * TG_NEO4J_PAGECACHE (e.g. 512m), TG_WATCH_STDIN=1 to shut down when the parent
 * closes our stdin (so a crashed parent never leaves a JVM behind).
 * Prints "READY bolt://127.0.0.1:PORT" once Bolt accepts connections.
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME_DIR BOLT_PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("TG_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("TG_NEO4J_PASSWORD must be set (8 characters or more)");
            System.exit(2);
        }
        String pageCache = System.getenv().getOrDefault("TG_NEO4J_PAGECACHE", "512m");
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(10))
                // Bolt waits 5 s by default for idle connections at shutdown; a local server need not.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));
        try {
            setInitialPassword(dbms, password);
        } catch (RuntimeException e) {
            System.err.println("Error: could not set the initial password: " + e.getMessage());
            System.exit(1); // the shutdown hook stops Neo4j; its threads would otherwise keep the JVM alive
        }

        Files.writeString(home.resolve("launcher.pid"), Long.toString(ProcessHandle.current().pid()));
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();

        if ("1".equals(System.getenv("TG_WATCH_STDIN"))) {
            watchStdin();
        }
    }

    /**
     * A new store's user "neo4j" has the well-known password "neo4j" and must change it;
     * setting ours through the system database makes the first Bolt login work. An existing
     * store keeps its password: a different one is then refused at login, as it should be.
     */
    private static void setInitialPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database("system");
        boolean mustChange = system.executeTransactionally(
                "SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' RETURN passwordChangeRequired",
                Map.of(),
                result -> result.hasNext() && Boolean.TRUE.equals(result.next().get("passwordChangeRequired")));
        if (mustChange) {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        }
    }

    /** Blocks until stdin closes, then exits (the shutdown hook stops Neo4j cleanly). */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) { /* ignore input */ }
            } catch (IOException ignored) {
                // a broken pipe means the parent is gone, same as end of input
            }
            System.exit(0);
        }, "stdin-watch");
        watcher.setDaemon(false);
        watcher.start();
    }
}
