package com.example.library;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.intake.error.ConflictException;
import dev.intake.error.NotFoundException;
import dev.intake.lookup.Lookups;
import dev.intake.security.Caller;

/**
 * The library's writes and reads, each within the caller's library (the organisation of their token). Lookups of
 * books and members go through the engine's {@link Lookups}, so that an import's chunk resolves them in one query.
 */
@ApplicationScoped
public class LibraryService {

    @Inject
    EntityManager entityManager;

    @Inject
    Caller caller;

    @Inject
    Lookups lookups;

    @Transactional
    public BookView addBook(BookInput input) {
        Book book = new Book();
        book.library = caller.organisation();
        book.isbn = input.isbn();
        book.title = input.title();
        book.genre = input.genre();
        entityManager.persist(book);
        return BookView.of(book);
    }

    @Transactional
    public Member registerMember(MemberInput input) {
        Member member = new Member();
        member.library = caller.organisation();
        member.cardNumber = input.cardNumber();
        member.name = input.name();
        entityManager.persist(member);
        return member;
    }

    @Transactional
    public LoanView lend(LoanInput input) {
        Book book = entityManager.getReference(Book.class, lookups.id(LibraryLookups.BOOKS, "input/book", input.book()));
        Member member = entityManager.getReference(Member.class,
                lookups.id(LibraryLookups.MEMBERS, "input/member", input.member()));
        Long open = entityManager.createQuery(
                "select count(l) from Loan l where l.book = :book and l.returnedOn is null", Long.class)
                .setParameter("book", book).getSingleResult();
        if (open > 0) {
            throw new ConflictException("input/book", "The book " + input.book() + " is out on loan");
        }
        Loan loan = new Loan();
        loan.library = caller.organisation();
        loan.book = book;
        loan.member = member;
        loan.dueOn = input.dueOn();
        entityManager.persist(loan);
        return new LoanView(String.valueOf(loan.id), input.book(), input.member(), loan.dueOn);
    }

    @Transactional
    public LoanView giveBack(ReturnInput input) {
        List<Loan> open = entityManager.createQuery("select l from Loan l where l.library = :library "
                + "and l.book.isbn = :isbn and l.returnedOn is null", Loan.class)
                .setParameter("library", caller.organisation()).setParameter("isbn", input.isbn()).getResultList();
        if (open.isEmpty()) {
            throw new NotFoundException("input/isbn", "The book " + input.isbn() + " is not out on loan");
        }
        open.get(0).returnedOn = java.time.LocalDate.now();
        return LoanView.of(open.get(0));
    }

    public List<Book> books(int first, int offset) {
        return entityManager.createQuery("select b from Book b where b.library = :library order by b.isbn", Book.class)
                .setParameter("library", caller.organisation()).setFirstResult(offset).setMaxResults(first).getResultList();
    }

    public long bookCount() {
        return entityManager.createQuery("select count(b) from Book b where b.library = :library", Long.class)
                .setParameter("library", caller.organisation()).getSingleResult();
    }

    public Book book(String isbn) {
        return entityManager.createQuery("select b from Book b where b.library = :library and b.isbn = :isbn", Book.class)
                .setParameter("library", caller.organisation()).setParameter("isbn", isbn).getResultStream().findFirst()
                .orElseThrow(() -> new BookNotFoundException(isbn));
    }

    public List<LoanView> loans() {
        return entityManager.createQuery("select l from Loan l join fetch l.book join fetch l.member "
                + "where l.library = :library order by l.id", Loan.class)
                .setParameter("library", caller.organisation()).getResultStream().map(LoanView::of).toList();
    }
}
