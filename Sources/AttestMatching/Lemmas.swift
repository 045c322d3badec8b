/// The English inflections behind `lemma:` in rules.
///
/// Words that rules need most have their forms listed here, derived nouns and adjectives
/// included (comply → compliance, compliant); any other word gets the regular forms only:
/// `-s`/`-es`, `-ed`/`-d`, `-ing`, with a final silent `e` dropped before `-ing`/`-ed` and a
/// final consonant + `y` turned into `-ies`/`-ied`. Forms are folded words (lowercase, no
/// diacritics); British `-ise` spellings are listed beside `-ize`.
public enum Lemmas {
    static let table: [String: [String]] = [
        "address": ["addresses", "addressed", "addressing"],
        "adhere": ["adheres", "adhered", "adhering", "adherence"],
        "assist": ["assists", "assisted", "assisting", "assistance"],
        "build": ["builds", "built", "building"],
        "call": ["calls", "called", "calling"],
        "combat": ["combats", "combated", "combatted", "combating", "combatting"],
        "commit": ["commits", "committed", "committing", "commitment", "commitments"],
        "comply": ["complies", "complied", "complying", "compliance", "compliant"],
        "condemn": ["condemns", "condemned", "condemning", "condemnation"],
        "cooperate": ["cooperates", "cooperated", "cooperating", "cooperation"],
        "coordinate": ["coordinates", "coordinated", "coordinating", "coordination"],
        "counter": ["counters", "countered", "countering"],
        "criminalize": ["criminalizes", "criminalized", "criminalizing", "criminalization",
                        "criminalise", "criminalises", "criminalised", "criminalising", "criminalisation"],
        "develop": ["develops", "developed", "developing", "development"],
        "disrupt": ["disrupts", "disrupted", "disrupting", "disruption"],
        "dismantle": ["dismantles", "dismantled", "dismantling"],
        "engage": ["engages", "engaged", "engaging", "engagement"],
        "enhance": ["enhances", "enhanced", "enhancing", "enhancement"],
        "ensure": ["ensures", "ensured", "ensuring"],
        "exchange": ["exchanges", "exchanged", "exchanging"],
        "extradite": ["extradites", "extradited", "extraditing", "extradition"],
        "finance": ["finances", "financed", "financing"],
        "freeze": ["freezes", "froze", "frozen", "freezing"],
        "fund": ["funds", "funded", "funding"],
        "implement": ["implements", "implemented", "implementing", "implementation"],
        "investigate": ["investigates", "investigated", "investigating", "investigation", "investigations"],
        "kidnap": ["kidnaps", "kidnapped", "kidnapping", "kidnappings", "kidnapper", "kidnappers"],
        "launder": ["launders", "laundered", "laundering"],
        "prevent": ["prevents", "prevented", "preventing", "prevention"],
        "promote": ["promotes", "promoted", "promoting", "promotion"],
        "prosecute": ["prosecutes", "prosecuted", "prosecuting", "prosecution", "prosecutions"],
        "protect": ["protects", "protected", "protecting", "protection"],
        "radicalize": ["radicalizes", "radicalized", "radicalizing", "radicalization",
                       "radicalise", "radicalises", "radicalised", "radicalising", "radicalisation"],
        "ratify": ["ratifies", "ratified", "ratifying", "ratification", "ratifications"],
        "recruit": ["recruits", "recruited", "recruiting", "recruitment"],
        "respect": ["respects", "respected", "respecting"],
        "seize": ["seizes", "seized", "seizing", "seizure", "seizures"],
        "share": ["shares", "shared", "sharing"],
        "smuggle": ["smuggles", "smuggled", "smuggling", "smuggler", "smugglers"],
        "strengthen": ["strengthens", "strengthened", "strengthening"],
        "support": ["supports", "supported", "supporting"],
        "traffic": ["traffics", "trafficked", "trafficking", "trafficker", "traffickers"],
        "uphold": ["upholds", "upheld", "upholding"],
        "urge": ["urges", "urged", "urging"],
    ]

    /// The word and its forms, the word first, without duplicates.
    public static func forms(of word: String) -> [String] {
        let w = word.lowercased()
        var result = [w]
        for f in table[w] ?? regular(w) where !result.contains(f) { result.append(f) }
        return result
    }

    static func regular(_ w: String) -> [String] {
        guard w.count >= 2, w.allSatisfy(\.isLetter) else { return [] }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
        let last = w.last!
        let beforeLast = w.dropLast().last!
        if last == "y" && !vowels.contains(beforeLast) {
            let stem = w.dropLast()
            return [stem + "ies", stem + "ied", w + "ing"]
        }
        if last == "e" {
            let stem = w.dropLast()
            return [w + "s", w + "d", stem + "ing"]
        }
        if ["s", "x", "z"].contains(last) || w.hasSuffix("ch") || w.hasSuffix("sh") {
            return [w + "es", w + "ed", w + "ing"]
        }
        return [w + "s", w + "ed", w + "ing"]
    }
}
