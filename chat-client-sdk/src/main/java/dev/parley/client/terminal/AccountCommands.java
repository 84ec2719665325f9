package dev.parley.client.terminal;

import dev.parley.client.ChatClient;
import dev.parley.protocol.User;
import dev.parley.protocol.UserProfile;

import java.util.List;
import java.util.Optional;

/**
 * The terminal's account commands: {@code /nick NAME} (no name clears it), {@code /password},
 * {@code /block USER}, {@code /unblock USER} and {@code /blocks}. {@code /password} alone asks for
 * the current and the new password on the next two lines, which are not sent anywhere else
 * (typed into a terminal they still echo: prefer a terminal that hides them, or pass them on the
 * command line, {@code /password CURRENT NEW}, where they land in the shell's history). Used by
 * the input loop's thread only.
 */
final class AccountCommands {
    static final List<String> COMMANDS = List.of("/nick", "/password", "/block", "/unblock", "/blocks");
    static final String HELP = String.join(System.lineSeparator(),
            "  /nick [name]              set your display name (none: clear it)",
            "  /password                 change your password (asks for the current and the new one)",
            "  /block <user>             refuse that user's direct messages",
            "  /unblock <user>           take a block back",
            "  /blocks                   the users you block");

    private final ChatClient client;
    private final Printer printer;
    private final DisplayNames names;
    private final String me;
    /** While {@code /password} waits for its lines: null, then the current password once given. */
    private boolean askingPassword;
    private String current;

    AccountCommands(ChatClient client, Printer printer, DisplayNames names, String me) {
        this.client = client;
        this.printer = printer;
        this.names = names;
        this.me = me;
    }

    /** Whether the next input line is an answer to {@code /password}, to be given to {@link #answer}. */
    boolean awaitsAnswer() {
        return askingPassword;
    }

    /** One line answering {@code /password}'s prompt. */
    void answer(String line) {
        if (current == null) {
            current = line;
            printer.note("new password (at least 8 characters):");
            return;
        }
        String given = current;
        askingPassword = false;
        current = null;
        changePassword(given, line);
    }

    /** Runs a command of {@link #COMMANDS}; {@code words} as the input loop split them (at most 3). */
    void handle(String[] words, String line) {
        switch (words[0]) {
            case "/nick" -> {
                String name = line.substring("/nick".length()).strip();
                User u = client.setDisplayName(name.isEmpty() ? Optional.empty() : Optional.of(name));
                names.learn(u.username(), u.displayName());
                printer.note(u.displayName().map(n -> "you are shown as " + n).orElse("your display name is cleared"));
            }
            case "/password" -> {
                if (words.length == 3) {
                    changePassword(words[1], words[2]);
                } else if (words.length == 1) {
                    askingPassword = true;
                    printer.note("current password (the next two lines are not sent as messages):");
                } else {
                    printer.problem("usage: /password, or /password <current> <new>");
                }
            }
            case "/block" -> {
                if (words.length != 2) {
                    printer.problem("usage: /block <user>");
                    return;
                }
                client.block(words[1]);
                printer.note("blocked " + words[1] + ": their direct messages to you are refused");
            }
            case "/unblock" -> {
                if (words.length != 2) {
                    printer.problem("usage: /unblock <user>");
                    return;
                }
                client.unblock(words[1]);
                printer.note("unblocked " + words[1]);
            }
            case "/blocks" -> {
                List<UserProfile> blocked = client.blocks();
                if (blocked.isEmpty()) {
                    printer.note("you block nobody");
                }
                for (UserProfile p : blocked) {
                    names.learn(p.username(), p.displayName());
                    printer.line("  " + names.of(p.username()));
                }
            }
            default -> throw new IllegalArgumentException("not an account command: " + words[0]);
        }
    }

    private void changePassword(String given, String next) {
        client.changePassword(given, next);
        printer.note("password changed for " + me + "; your other sessions are signed out");
    }
}
