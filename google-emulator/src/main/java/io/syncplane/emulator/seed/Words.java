package io.syncplane.emulator.seed;

import java.util.List;

/** Small fixed vocabularies for seeded names, subjects and bodies. Fixed so that the same seed gives the same data. */
public final class Words {

    public static final List<String> GIVEN_NAMES = List.of("Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis",
            "Barbara", "Ken", "Frances", "Edsger", "Radia", "Tim", "Katherine", "Donald", "Hedy", "John", "Sophie",
            "Niklaus", "Joan", "Guido", "Lena", "Bjarne", "Anita", "James", "Mary", "Leslie", "Yukihiro", "Carol");

    public static final List<String> FAMILY_NAMES = List.of("Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton",
            "Ritchie", "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Berners-Lee", "Johnson", "Knuth",
            "Lamarr", "McCarthy", "Wilson", "Wirth", "Clarke", "van Rossum", "Svensson", "Stroustrup", "Borg",
            "Gosling", "Keller", "Lamport", "Matsumoto", "Shaw");

    public static final List<String> COMPANIES = List.of("Initech", "Globex", "Umbrella Freight", "Hooli",
            "Vandelay Industries", "Acme Corp", "Stark Logistics", "Wayne Analytics", "Soylent Foods", "Cyberdyne");

    public static final List<String> SUBJECT_OPENERS = List.of("Re:", "Fwd:", "Quick question about", "Update on",
            "Reminder:", "Draft of", "Notes from", "Invitation:", "Follow-up on", "Thoughts on", "Agenda for",
            "Invoice for");

    public static final List<String> TOPICS = List.of("the quarterly report", "Friday's offsite", "the API migration",
            "our roadmap", "the budget review", "hiring plans", "the launch checklist", "customer feedback",
            "the incident postmortem", "travel arrangements", "the design review", "Q3 planning",
            "the contract renewal", "team lunch", "the onboarding guide", "the security audit");

    public static final List<String> SENTENCES = List.of(
            "Let me know what you think when you have a minute.",
            "I have attached the latest numbers for your review.",
            "Can we move this to next week?",
            "Thanks again for pulling this together so quickly.",
            "The team agreed to ship the first version on Monday.",
            "Please double-check the figures in section three.",
            "I will send the meeting notes around afterwards.",
            "We still need a decision on the open questions.",
            "Happy to jump on a call if that is easier.",
            "The deadline is tight but doable.",
            "Here is the summary of what we discussed.",
            "Looping in the rest of the group for visibility.");

    public static final List<String> EVENT_TITLES = List.of("Standup", "1:1", "Design review", "Sprint planning",
            "Lunch", "Customer call", "Retro", "All hands", "Interview", "Focus time", "Dentist", "Yoga",
            "Board meeting", "Coffee chat", "Release sync", "Budget review");

    public static final List<String> PLACES = List.of("Room 101", "Main office", "Zoom", "Cafeteria", "Room Ada",
            "Room Turing", "Downtown", "Conference hall B");

    public static final List<String> TASK_VERBS = List.of("Review", "Write", "Call", "Buy", "Book", "Prepare",
            "Send", "Fix", "Plan", "Renew", "Clean", "Update");

    public static final List<String> TASK_OBJECTS = List.of("the slides", "groceries", "flight tickets",
            "the expense report", "the car insurance", "the garden", "the documentation", "a birthday gift",
            "the newsletter", "the bug backlog", "the dentist appointment", "the team offsite");

    public static final List<String> TASK_LIST_TITLES = List.of("Work", "Errands", "Home", "Reading list");

    private Words() {
    }
}
