package dev.intake.training;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What an event costs in one currency. */
@Entity
@Table(name = "event_price")
public class EventPrice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_price_id")
    @SequenceGenerator(name = "event_price_id", sequenceName = "event_price_id_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String organisation;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id", nullable = false)
    public Event event;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "currency_id", nullable = false)
    public Currency currency;

    @Column(nullable = false, precision = 12, scale = 2)
    public BigDecimal amount;
}
