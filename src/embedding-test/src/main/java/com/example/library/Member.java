package com.example.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

/** A reader with a library card. */
@Entity
public class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "member_id")
    @SequenceGenerator(name = "member_id", sequenceName = "member_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String library;

    @Column(name = "card_number", nullable = false)
    public String cardNumber;

    @Column(nullable = false)
    public String name;
}
