/**
 * The terminal client ({@code java -jar chat-client.jar connect ...}): a picocli command line over
 * the SDK that logs in, joins a room, prints incoming messages as {@code [12:01] #general alice: hi}
 * and sends each line typed or piped in, with a few slash commands ({@code /pm}, {@code /join},
 * {@code /history}, {@code /upload}, ...). On a real terminal it reads with JLine's line editor
 * ({@code LineEditor}), so that incoming lines print above the prompt;
 * through pipes it reads and prints plain lines. It reconnects as the SDK does; with piped input it exits
 * once every send is acknowledged. Not an API: only {@link dev.parley.client.terminal.Main} is meant
 * to be run.
 */
package dev.parley.client.terminal;
