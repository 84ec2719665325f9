package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.protocol.Ban;
import dev.parley.protocol.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal's moderation commands, acting on the current room through
 * {@link ChatClient#admin()}: {@code /kick}, {@code /ban USER [DURATION] [REASON]}, {@code /unban},
 * {@code /mute USER [DURATION]}, {@code /unmute}, {@code /role USER ROLE}, {@code /topic TEXT},
 * {@code /bans}. A duration is a number and a unit: {@code 30s}, {@code 10m}, {@code 2h},
 * {@code 1d}, {@code 1w}. What the acts post reaches every subscriber as a status line
 * ({@link ActLines}); a refusal prints the server's reason. Called on the input thread only.
 */
final class ModerationCommands {
    static final String HELP = String.join(System.lineSeparator(),
            "  /topic <text>             set the current room's topic (owner, admin)",
            "  /kick <user>              remove a member (moderator and above)",
            "  /ban <user> [dur] [why]   ban, e.g. /ban bob 1d spamming (dur: 30s, 10m, 2h, 1d, 1w)",
            "  /unban <user>             lift a ban",
            "  /bans                     the bans in force",
            "  /mute <user> [dur]        mute a member: they read but cannot write",
            "  /unmute <user>            lift a mute",
            "  /role <user> <role>       admin, moderator or member");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([smhdw])");

    private final ChatClient client;
    private final Printer printer;

    ModerationCommands(ChatClient client, Printer printer) {
        this.client = client;
        this.printer = printer;
    }

    /**
     * Runs a command in {@code room}.
     *
     * @throws dev.parley.client.ChatClientException when the server refuses it
     */
    void run(String room, String line) {
        String[] words = line.split("\\s+", 4);
        String command = words[0];
        switch (command) {
            case "/topic" -> {
                String text = line.length() > command.length() ? line.substring(command.length()).strip() : "";
                client.admin().update(room, Optional.empty(), Optional.of(text), Optional.empty());
            }
            case "/bans" -> {
                List<Ban> bans = client.admin().bans(room);
                if (bans.isEmpty()) {
                    printer.note("nobody is banned from #" + room);
                }
                for (Ban b : bans) {
                    printer.note(b.username() + " banned by " + b.by() + b.until().map(t -> " until " + t).orElse("")
                            + b.reason().map(r -> " (" + r + ")").orElse(""));
                }
            }
            case "/kick" -> user(words, "/kick <user>").ifPresent(u -> client.admin().kick(room, u));
            case "/unban" -> user(words, "/unban <user>").ifPresent(u -> client.admin().unban(room, u));
            case "/unmute" -> user(words, "/unmute <user>").ifPresent(u -> client.admin().unmute(room, u));
            case "/ban" -> user(words, "/ban <user> [duration] [reason]").ifPresent(u -> ban(room, u, line, words));
            case "/mute" -> user(words, "/mute <user> [duration]").ifPresent(u -> {
                Optional<Instant> until = words.length > 2 ? until(words[2]) : Optional.empty();
                if (words.length <= 2 || until.isPresent()) {
                    client.admin().mute(room, u, until);
                }
            });
            case "/role" -> {
                if (words.length < 3) {
                    printer.problem("usage: /role <user> admin|moderator|member");
                } else {
                    role(words[2]).ifPresent(r -> client.admin().setRole(room, words[1], r));
                }
            }
            default -> throw new IllegalArgumentException(command);
        }
    }

    private void ban(String room, String user, String line, String[] words) {
        Optional<Instant> until = Optional.empty();
        int reasonFrom = 2;
        if (words.length > 2 && DURATION.matcher(words[2]).matches()) {
            until = until(words[2]);
            reasonFrom = 3;
        }
        String[] parts = line.split("\\s+", reasonFrom + 1);
        Optional<String> reason = parts.length > reasonFrom ? Optional.of(parts[reasonFrom]) : Optional.empty();
        client.admin().ban(room, user, until, reason);
    }

    private Optional<String> user(String[] words, String usage) {
        if (words.length < 2) {
            printer.problem("usage: " + usage);
            return Optional.empty();
        }
        return Optional.of(words[1]);
    }

    /** The instant a duration from now ends, or empty after saying why it is not one. */
    private Optional<Instant> until(String word) {
        Duration d = duration(word);
        if (d == null) {
            printer.problem("not a duration: " + word + " (e.g. 30s, 10m, 2h, 1d, 1w)");
            return Optional.empty();
        }
        return Optional.of(Instant.now().plus(d));
    }

    /** {@code 10m} as a duration; null when it is not one. */
    static Duration duration(String word) {
        Matcher m = DURATION.matcher(word.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private Optional<Role> role(String word) {
        for (Role r : List.of(Role.ADMIN, Role.MODERATOR, Role.MEMBER)) {
            if (r.wireName().equals(word.toLowerCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        printer.problem("not a role: " + word + " (admin, moderator or member)");
        return Optional.empty();
    }
}
