package com.example.library;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;

/** A book lent to a member until a day. */
@Entity
public class Loan {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "loan_id")
    @SequenceGenerator(name = "loan_id", sequenceName = "loan_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String library;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "book_id", nullable = false)
    public Book book;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "member_id", nullable = false)
    public Member member;

    @Column(name = "due_on", nullable = false)
    public LocalDate dueOn;

    @Column(name = "returned_on")
    public LocalDate returnedOn;
}
