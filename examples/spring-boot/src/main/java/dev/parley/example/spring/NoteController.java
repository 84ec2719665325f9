package dev.parley.example.spring;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The application's own API at {@code /notes}, beside Parley's under {@code /chat}. */
@RestController
@RequestMapping("/notes")
public class NoteController {
    private final NoteRepository notes;
    private final Clock clock = Clock.systemUTC();

    public NoteController(NoteRepository notes) {
        this.notes = notes;
    }

    @GetMapping
    public List<Note> list() {
        return notes.findTop50ByOrderByCreatedAtDesc();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Note add(@RequestBody Map<String, String> body) {
        String text = body.get("text");
        if (text == null || text.isBlank() || text.length() > 500) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a note has 1 to 500 characters");
        }
        return notes.save(new Note(text.strip(), clock.instant()));
    }
}
