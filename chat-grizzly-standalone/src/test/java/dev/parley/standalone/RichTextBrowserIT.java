package dev.parley.standalone;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages as rich text: the Markdown subset, links and emoji shortcodes, rendered in the other
 * person's page; and the page's renderer (js/richtext.js) run on its own in the browser, as a unit.
 */
class RichTextBrowserIT extends BrowserTest {
    @Test
    void markdownLinksAndShortcodesReachTheOtherPageRendered() throws IOException {
        WebDriver alice = browser("alice");
        WebDriver bob = browser("bobby");
        register(alice, "alice");
        register(bob, "bobby");

        String text = "**bold** _italic_ ~~gone~~ `x < y` :tada: see https://example.com/a?b=1&c=2";
        say(alice, text);
        message(bob, "bold italic gone x < y 🎉 see https://example.com/a?b=1&c=2");
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) js(bob).executeScript(
                "const t = [...document.querySelectorAll('#message-list li.message .text')].pop();"
                        + "const a = t.querySelector('a');"
                        + "return {strong: t.querySelector('strong')?.textContent, em: t.querySelector('em')?.textContent,"
                        + " del: t.querySelector('del')?.textContent, code: t.querySelector('code')?.textContent,"
                        + " href: a?.getAttribute('href'), target: a?.getAttribute('target'), rel: a?.getAttribute('rel')};");
        assertEquals("bold", shown.get("strong"));
        assertEquals("italic", shown.get("em"));
        assertEquals("gone", shown.get("del"));
        assertEquals("x < y", shown.get("code"));
        assertEquals("https://example.com/a?b=1&c=2", shown.get("href"));
        assertEquals("_blank", shown.get("target"));
        assertEquals("noopener noreferrer", shown.get("rel"));

        // Blocks need line breaks: typed with Shift+Enter, here put in as a paste does.
        paste(alice, "message-input", "> quoted\n\n- one\n- two\n\n```\nline 1\n  line 2\n```");
        alice.findElement(By.id("send-button")).click();
        @SuppressWarnings("unchecked")
        Map<String, Object> blocks = (Map<String, Object>) waitFor(bob).until(d -> js(d).executeScript(
                "const t = [...document.querySelectorAll('#message-list li.message[data-seq] .text')].pop();"
                        + "if (!t || !t.querySelector('pre')) return null;"
                        + "return {quote: t.querySelector('blockquote')?.textContent.trim(),"
                        + " items: [...t.querySelectorAll('ul > li')].map(li => li.textContent),"
                        + " pre: t.querySelector('pre').textContent};"));
        assertEquals("quoted", blocks.get("quote"));
        assertEquals(List.of("one", "two"), blocks.get("items"));
        assertEquals("line 1\n  line 2\n", blocks.get("pre"));
        screenshot(bob, "rich-text");
    }

    @Test
    void theRendererKeepsTheSubsetAndDropsEverythingElse() throws IOException {
        WebDriver page = browser("unit");
        page.get(server.url().toString());
        @SuppressWarnings("unchecked")
        Map<String, String> html = (Map<String, String>) js(page).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('./js/richtext.js').then(({ renderRichText }) => {"
                        + "  const out = {};"
                        + "  const cases = {plain: 'just text', para: 'a\\nb', ol: '3. three\\n4. four',"
                        + "    heading: '# not a heading', table: '| a | b |\\n|---|---|\\n| 1 | 2 |',"
                        + "    script: '<script>window.parleyPwned = 1</script>', style: '<style>body{display:none}</style>x',"
                        + "    iframe: '<iframe src=\"https://example.com\"></iframe>', svg: '<svg onload=\"window.parleyPwned=1\"></svg>',"
                        + "    dataLink: '[d](data:text/html,<b>x</b>)', vbs: '[v](vbscript:msgbox)', mail: '<mailto:a@example.com>',"
                        + "    unknownCode: ':not_an_emoji: :smile:', inCode: '`:smile:`', titled: '[t](https://e.com \"T\")',"
                        + "    attr: '<a href=\"https://e.com\" onclick=\"window.parleyPwned=1\">x</a>'};"
                        + "  for (const [k, v] of Object.entries(cases)) {"
                        + "    const d = document.createElement('div'); d.append(renderRichText(v)); out[k] = d.innerHTML; }"
                        + "  out.pwned = String(window.parleyPwned); done(out);"
                        + "}, (e) => done({error: String(e)}));");
        assertEquals(null, html.get("error"));
        assertEquals("just text", html.get("plain"));
        assertEquals("a<br>\nb", html.get("para"), "the newline stays: the text is the message typed");
        assertEquals("<ol start=\"3\"><li>three</li><li>four</li></ol>", html.get("ol"));
        assertEquals("not a heading", html.get("heading"));
        assertTrue(!html.get("table").contains("<table"), html.get("table"));
        assertEquals("&lt;script&gt;window.parleyPwned = 1&lt;/script&gt;", html.get("script"));
        assertTrue(html.get("style").startsWith("&lt;style&gt;"), html.get("style"));
        assertTrue(html.get("iframe").startsWith("&lt;iframe"), html.get("iframe"));
        assertTrue(html.get("svg").startsWith("&lt;svg"), html.get("svg"));
        assertEquals("<a>d</a>", html.get("dataLink"));
        assertEquals("<a>v</a>", html.get("vbs"));
        assertEquals("<a href=\"mailto:a@example.com\" target=\"_blank\" rel=\"noopener noreferrer\">mailto:a@example.com</a>",
                html.get("mail"));
        assertEquals(":not_an_emoji: 😄", html.get("unknownCode"));
        assertEquals("<code>:smile:</code>", html.get("inCode"));
        assertEquals("<a href=\"https://e.com\" title=\"T\" target=\"_blank\" rel=\"noopener noreferrer\">t</a>", html.get("titled"));
        assertEquals("&lt;a href=\"https://e.com\" onclick=\"window.parleyPwned=1\"&gt;x&lt;/a&gt;", html.get("attr"));
        assertEquals("undefined", html.get("pwned"));
    }
}
