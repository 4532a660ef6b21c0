package dev.intake.training;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A person at an account. */
@Entity
@Table(name = "contact")
public class Contact extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_id")
    @SequenceGenerator(name = "contact_id", sequenceName = "contact_id_seq", allocationSize = 500)
    public Long id;

    /** The organisation the record belongs to; every query filters on it, and no update changes it. */
    @Column(nullable = false, updatable = false)
    public String organisation;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "email_address", nullable = false)
    public String emailAddress;

    public String phone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ContactStatus status;

    /**
     * The account's key, which writes set: a plain column, so a write needs no reference to the account (a lazy proxy
     * per row, built and dropped with each flush's persistence context).
     */
    @Column(name = "account_id", nullable = false)
    public Long accountId;

    /** The account, for queries that join it; read-only, since {@link #accountId} is the column writes set. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false, insertable = false, updatable = false)
    public Account account;

    /** The contact's manager, another contact, by key; {@code null} for none. */
    @Column(name = "manager_id")
    public Long managerId;

    /**
     * Values of the organisation's custom fields, by field name. Treated as immutable: a change assigns a new
     * map (see ContactService), so Hibernate need not serialise a JSON snapshot of every contact to detect one.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "custom_fields", nullable = false)
    public Map<String, Object> customFields = new LinkedHashMap<>();
}
