package dev.parley.example.spring;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The notes, newest first. */
public interface NoteRepository extends JpaRepository<Note, Long> {
    List<Note> findTop50ByOrderByCreatedAtDesc();
}
