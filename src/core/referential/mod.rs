//! RNCP40345 blocks and competencies, as static data.
//!
//! Source: the official référentiel of the certification RNCP40345 (Mines Saint-Etienne,
//! Mastère Spécialisé « objets connectés sécurisés », level 7, registered 28-03-2025 until
//! 28-03-2028), copied in `shared/seed/rncp40345-referentiel.txt`. The French wording of
//! every competency (`Competency::fr`) and the French title of every block
//! (`Block::title_fr`) are copied verbatim from it; only extraction glitches were fixed
//! (labels glued onto the previous statement such as `coûtC.5.` or `cyber.C.16.`, and a
//! stray leading `.`). The English summaries, the coverage marks and the block notes
//! come from `CURRICULUM.md` section 1.
//!
//! Numbering caveat: the seed lists **44** statements for C1–C43. Its own labels (C.5,
//! C.9, C.16) and the ranges of its assessment modalities (C23–C30, C31–C37, C38–C43)
//! only fit if the attack-typology statement and the cyber-watch statement share **C15**,
//! as (a) and (b). `Competency::fr` for C15 therefore holds both, joined as
//! `"(a) … (b) …"`, and its coverage is the one of (a) (✔; (b) is only ◐). The seed's
//! BC02 modality text says "C14 à C23", which is off by one: BC02 is C14–C22 and C23
//! opens BC03. Check against the official référentiel if it is ever republished.
//!
//! Blocks: BC01 C1–C13, BC02 C14–C22, BC03 C23–C30, BC04 C31–C37, BC05 C38–C43.

/// How far the lab trains and evidences a competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// ✔ the lab trains and evidences it.
    Full,
    /// ◐ partly (simulation, worksheet, quiz).
    Partial,
    /// ✘ out of scope of the lab.
    None,
}

impl Coverage {
    /// The mark used in the curriculum tables: "✔", "◐" or "✘".
    pub fn symbol(self) -> &'static str {
        match self {
            Coverage::Full => "✔",
            Coverage::Partial => "◐",
            Coverage::None => "✘",
        }
    }
}

/// A block of competencies (`BC01`..`BC05`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    /// "BC01".."BC05".
    pub id: &'static str,
    /// Official French title of the block, verbatim from the référentiel.
    pub title_fr: &'static str,
    /// English title, from CURRICULUM.md.
    pub title_en: &'static str,
    /// What the lab offers for this block (French translation of `note_en`).
    pub note_fr: &'static str,
    /// What the lab offers for this block, from CURRICULUM.md.
    pub note_en: &'static str,
    /// Competency ids of the block, in order.
    pub competencies: &'static [&'static str],
}

/// One competency (`C1`..`C43`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Competency {
    /// "C1".."C43".
    pub id: &'static str,
    /// Id of the block it belongs to, "BC01".."BC05".
    pub block: &'static str,
    /// Verbatim French wording; for C15 the two statements joined as "(a) … (b) …".
    pub fr: &'static str,
    /// English one-line summary, from CURRICULUM.md.
    pub en: &'static str,
    /// Lab coverage; for C15 the coverage of (a).
    pub coverage: Coverage,
}

static BLOCKS: [Block; 5] = [
    Block {
        id: "BC01",
        title_fr: "Réaliser le prototype physique de l’objet connecté",
        title_en: "Build the physical prototype",
        note_fr: "Évalué par des travaux pratiques en équipe sur des équipements industriels ; un navigateur ne peut pas les remplacer. Le lab propose : des simulations d’attaques physiques alimentant une fiche de profil de sécurité (C4 : parcours PHY, TEST-01) ; un calculateur d’énergie utilisant des coûts MCU fournis par le formateur (C7 : TEST-03) ; un quiz d’étude de cas sur l’accessibilité (C1, C2 : MGT-02), connaissances uniquement.",
        note_en: "Assessed through team lab work on industrial equipment; a browser cannot replace it. Lab offers: physical-attack simulations feeding a security-profile worksheet (C4: PHY track, TEST-01); an energy calculator using instructor-supplied MCU costs (C7: TEST-03); an accessibility case-study quiz (C1, C2: MGT-02), knowledge only.",
        competencies: &[
            "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13",
        ],
    },
    Block {
        id: "BC02",
        title_fr: "Réaliser le prototype de la sécurisation logicielle de l’objet connecté",
        title_en: "Secure the object in software",
        note_fr: "Le cœur du lab. L’audit et la certification sont pratiqués sur des systèmes simulés et des extraits de rapports publics ; l’argumentation (C17) nécessite une correction humaine.",
        note_en: "The lab's core. Audit and certification are practised on simulated systems and public report excerpts; arguments (C17) need a human grader.",
        competencies: &["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21", "C22"],
    },
    Block {
        id: "BC03",
        title_fr: "Réaliser la connectivité sécurisée de l’objet connecté",
        title_en: "Secure connectivity",
        note_fr: "Le lab propose : des brokers et objets simulés avec un visualiseur de traces (C26) ; la vérification d’invariants de fenêtre anti-rejeu (C28, une introduction seulement).",
        note_en: "Lab offers: simulated brokers and devices with a trace viewer (C26); replay-window invariant checking (C28, an introduction only).",
        competencies: &["C23", "C24", "C25", "C26", "C27", "C28", "C29", "C30"],
    },
    Block {
        id: "BC04",
        title_fr: "Réaliser les tests pour un objet connecté sécurisé et robuste pour lancer la phase de pré-industrialisation",
        title_en: "Security and robustness testing before pre-industrialisation",
        note_fr: "C36 relève des essais matériels (vieillissement, CEM) et sort du périmètre. Le choix et l’exécution des tests d’intrusion (C33) traversent tous les parcours d’attaque.",
        note_en: "C36 is hardware testing (ageing, EMC) and out of scope. Pentest selection and execution (C33) runs across every attack track.",
        competencies: &["C31", "C32", "C33", "C34", "C35", "C36", "C37"],
    },
    Block {
        id: "BC05",
        title_fr: "Manager des projets de conception d’un système IoT sécurisé",
        title_en: "Manage secure-IoT projects",
        note_fr: "Le lab propose : la rédaction d’un exercice de sensibilisation au format du lab (C35, C42 : MGT-01) ; une note coût/bénéfice-risque (C43 : TEST-05). Pour C38–C41, des questions de réflexion uniquement, pas des preuves.",
        note_en: "Lab offers: writing an awareness exercise in the lab's format (C35, C42: MGT-01); a cost/risk-benefit memo (C43: TEST-05). For C38–C41, reflective prompts only, not evidence.",
        competencies: &["C38", "C39", "C40", "C41", "C42", "C43"],
    },
];

static COMPETENCIES: [Competency; 43] = [
    Competency {
        id: "C1",
        block: "BC01",
        fr: "Identifier les usages en conditions normales de l’objet connecté en sollicitant les utilisateurs finaux qui incluent, les personnes en situation de handicap, afin de déterminer les fonctionnalités et les spécifications techniques de l’objet connecté à fabriquer",
        en: "Identify normal usage with end-users, including disabled people",
        coverage: Coverage::None,
    },
    Competency {
        id: "C2",
        block: "BC01",
        fr: "Concevoir les fonctionnalités de l’objet connecté adaptées aussi aux besoins des personnes en situation de handicap en s’appuyant sur les spécifications techniques afin de préfigurer le prototype de l’objet connecté",
        en: "Design features adapted to disabled users' needs",
        coverage: Coverage::None,
    },
    Competency {
        id: "C3",
        block: "BC01",
        fr: "Identifier les capteurs les plus performants pour construire le flux et la gestion des données en s’appuyant sur la connaissance des experts pour sélectionner les capteurs idoines",
        en: "Select best-performing sensors with experts for data flow",
        coverage: Coverage::None,
    },
    Competency {
        id: "C4",
        block: "BC01",
        fr: "Définir un profil d’usage sécuritaire en prenant en compte les usages et l’évaluation de sécurité attendue face aux attaques physiques, afin de préfigurer le juste niveau de sécurité au juste coût",
        en: "Define security profile against physical attacks, at right cost",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C5",
        block: "BC01",
        fr: "Schématiser et concevoir l’ensemble des architectures électronique, numérique et de la donnée avec les experts techniques et technologiques en s’appuyant sur les spécifications techniques afin de préfigurer le prototype de l’objet connecté",
        en: "Schematise electronic, digital and data architectures with experts",
        coverage: Coverage::None,
    },
    Competency {
        id: "C6",
        block: "BC01",
        fr: "Identifier les capteurs les plus performants en fonction des usages de l’IoT pour construire le flux et la gestion des données en s’appuyant sur la connaissance des experts pour sélectionner les capteurs les plus efficients",
        en: "Select most efficient sensors for the IoT use case",
        coverage: Coverage::None,
    },
    Competency {
        id: "C7",
        block: "BC01",
        fr: "Définir un algorithme de sécurisation sur le microcontrôleur en optimisant sa programmation afin qu’il soit le moins énergivore possible",
        en: "Program energy-efficient security algorithm on the microcontroller",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C8",
        block: "BC01",
        fr: "Tester et re-designer le prototype en itérant les versions afin d’aboutir à la preuve de concept validée de l’objet connecté",
        en: "Test and redesign prototype iteratively to validated proof-of-concept",
        coverage: Coverage::None,
    },
    Competency {
        id: "C9",
        block: "BC01",
        fr: "Réaliser l’architecture matérielle, logicielle électronique et numérique avec les experts techniques et technologiques en se référant à la validation de la simulation afin de fabriquer le prototype de l’objet connecté",
        en: "Build hardware/software architecture after simulation validation",
        coverage: Coverage::None,
    },
    Competency {
        id: "C10",
        block: "BC01",
        fr: "Réaliser l’architecture de la donnée depuis le capteur physique jusqu’à son traitement en se référant à la validation de la simulation afin de fabriquer le prototype de l’objet connecté",
        en: "Build data architecture from physical sensor to processing",
        coverage: Coverage::None,
    },
    Competency {
        id: "C11",
        block: "BC01",
        fr: "Réaliser le prototype physique de l’objet connecté qui intègre l’ensemble des architectures, les capteurs ainsi que le design de l’objet connecté en s’appuyant sur l’équipe de conception de l’objet connecté afin de présenter à l’utilisateur final une version fonctionnelle pré-industriable",
        en: "Build pre-industrial physical prototype with the design team",
        coverage: Coverage::None,
    },
    Competency {
        id: "C12",
        block: "BC01",
        fr: "Tester la fonctionnalité des architectures matérielle, logicielle, électronique, numérique, de la donnée et des capteurs embarqués en déployant une série de tests qualifiés afin de démontrer la fiabilité et le bon fonctionnement de l’objet connecté selon les usages attendus",
        en: "Test hardware, software, data and sensor functions with qualified tests",
        coverage: Coverage::None,
    },
    Competency {
        id: "C13",
        block: "BC01",
        fr: "Réaliser les tests de validité du dispositif assemblé afin d’aboutir à la version certifiée pour passer en phase de pré-industrialisation",
        en: "Run validity tests on assembled device toward certified version",
        coverage: Coverage::None,
    },
    Competency {
        id: "C14",
        block: "BC02",
        fr: "Déployer le protocole de cryptographie en prévoyant la gestion des clefs de chiffrement/déchiffrement afin de sécuriser l’objet connecté",
        en: "Deploy cryptographic protocol including key management",
        coverage: Coverage::Full,
    },
    Competency {
        id: "C15",
        block: "BC02",
        fr: "(a) Identifier les mécanismes, les outils d’intrusion et de cyberattaques tant sur les réseaux informatiques que l’objet en tant que tel en répertoriant les typologies d’attaques possibles afin de sécuriser tout le dispositif (b) Établir une veille technologique en suivant les évolutions en matière de cyberattaques afin d’intégrer les mises à jour au dispositif le plus sécurisé face aux menaces cyber.",
        en: "(a) Catalogue attack mechanisms and tools; (b) watch cyber-threat evolution",
        coverage: Coverage::Full,
    },
    Competency {
        id: "C16",
        block: "BC02",
        fr: "Concevoir la meilleure stratégie d’anticipation de réponse adaptée aux différents types de cyberattaques et d’intrusion en sachant sélectionner les protocoles et les standards internationalement reconnus afin de réduire les risques d’attaques et d’intrusion des systèmes d’information et de l’objet connecté pour en maintenir le bon fonctionnement",
        en: "Design anticipatory response using recognised protocols and standards",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C17",
        block: "BC02",
        fr: "Défendre le choix de la solution technique de cybersécurité utilisée en démontrant son bénéfice risque aux organes décisionnaires, afin de leur apporter les éléments de prise de décisions objectivés",
        en: "Defend the chosen security solution's risk-benefit to decision-makers",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C18",
        block: "BC02",
        fr: "Déployer la stratégie cybersécurité en réalisant des audits de système d’information et de réseaux d’objets connectés afin de valider la fiabilité de l’infrastructure et des solutions déployées sur le système d’information comme l’objet connecté et apporter le cas échéant les mesures correctives conformes aux standards et normes en vigueur.",
        en: "Audit IS and IoT networks; apply standard-compliant corrections",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C19",
        block: "BC02",
        fr: "Définir la cible de sécurité au regard de l’usage de l’objet connecté en maitrisant le coût de la certification afin de la déployer",
        en: "Define security target for usage, controlling certification cost",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C20",
        block: "BC02",
        fr: "Intégrer l’analyse des comptes rendus des critères communs et certifications de premier niveau de l’ANSSI en considérant les attentes du fournisseur afin de réaliser le prototype de sécurisation de l’objet connecté",
        en: "Use Common Criteria and ANSSI CSPN report analyses",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C21",
        block: "BC02",
        fr: "Analyser l’audit des normes de sécurité et de sûreté de fonctionnement en conduisant des essais ou en lisant les rapports de certification, afin de vérifier le respect par l’objet connecté audité de ces normes",
        en: "Analyse security/dependability audits, tests or certification reports",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C22",
        block: "BC02",
        fr: "Valider le niveau de sécurité de l’objet connecté, en préconisant éventuellement des mesures correctives afin de les mettre en place",
        en: "Validate security level; recommend corrective measures",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C23",
        block: "BC03",
        fr: "Implémenter la représentation des données choisies ou des spécifications des protocoles en les auditant après analyse, afin d’opérer ainsi un choix entre concevoir les programmes ou utiliser des bibliothèques existantes",
        en: "Implement data formats/protocol specs; choose build versus library",
        coverage: Coverage::Full,
    },
    Competency {
        id: "C24",
        block: "BC03",
        fr: "Caractériser les fonctionnalités des différents composants en les sélectionnant en amont, afin de déterminer les couches de communication et la sécurisation déjà incluses ou qui sont à rajouter en fonction des usages de l’objet connecté",
        en: "Characterise components' communication layers and built-in security",
        coverage: Coverage::Full,
    },
    Competency {
        id: "C25",
        block: "BC03",
        fr: "Implémenter les spécifications définies lors de la phase de conception en apportant les mesures correctives nécessaires afin d’aboutir à un prototype validé",
        en: "Implement design specs with corrections into validated prototype",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C26",
        block: "BC03",
        fr: "Concevoir la maquette de l’environnement réaliste des échanges de données en instrumentant tous les échanges et en déterminant les caractéristiques de l’objet en fonction des contraintes de communication afin déployer cette maquette",
        en: "Build instrumented, realistic data-exchange mock-up",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C27",
        block: "BC03",
        fr: "Déployer une infrastructure de type linux ou tcpip ou bare metal à partir des ressources allouées (Financière, énergétique, matérielle) en adaptant le hardware aux besoins afin de définir les priorités.",
        en: "Deploy Linux, TCP/IP or bare-metal infrastructure within resources",
        coverage: Coverage::None,
    },
    Competency {
        id: "C28",
        block: "BC03",
        fr: "Déployer des outils de spécifications et vérifications formelles de sécurité en construisant la méthode pour exprimer le lien entre sécurité et sûreté, afin de prouver cette méthode formelle",
        en: "Use formal security specification/verification linking security and safety",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C29",
        block: "BC03",
        fr: "Construire l’architecture de la plateforme de l’objet connecté en structurant les différentes couches de collecte et de données générées par les capteurs afin de configurer la communication d’un réseau de capteurs.",
        en: "Architect platform layers for sensor-network communication",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C30",
        block: "BC03",
        fr: "Concevoir l’infrastructure logicielle en utilisant les bases de données relationnelles NoSQL, les technologies edge et cloud afin de l’interfacer avec le réseau d’objets connecté",
        en: "Design software infrastructure: relational/NoSQL, edge, cloud",
        coverage: Coverage::None,
    },
    Competency {
        id: "C31",
        block: "BC04",
        fr: "Assurer la veille technologique et réglementaire, en s’assurant que les protocoles et les standards déployés sont bien dans leur dernière mise à jour afin de maintenir une plateforme et un système continuellement à jour pour contrer tous types d’attaques",
        en: "Keep technology/regulatory watch; keep protocols and standards current",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C32",
        block: "BC04",
        fr: "Définir précisément, le périmètre de la cible de sécurité de l’objet connecté en définissant son contenu et sa structure afin que l’organe de sécurité puisse valider en conséquence",
        en: "Define security-target perimeter, content and structure",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C33",
        block: "BC04",
        fr: "Déterminer les tests d’intrusion adéquats en s’appuyant sur la typologie d’objet connecté et de ses usages afin de déployer la série de tests définie",
        en: "Choose penetration tests suited to object type and usage",
        coverage: Coverage::Full,
    },
    Competency {
        id: "C34",
        block: "BC04",
        fr: "Déterminer la récurrence de ces tests en prenant en compte les conditions d’usage de l’objet connecté afin de réduire le risque d’attaques",
        en: "Set penetration-test recurrence from usage conditions",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C35",
        block: "BC04",
        fr: "Sensibiliser les utilisateurs en les formant à la politique de cybersécurité afin de développer une culture de la sécurité au sein des organisations",
        en: "Train users in security policy; build security culture",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C36",
        block: "BC04",
        fr: "Choisir les tests idoines en prenant en compte les normes vieillissement, de compatibilité électromagnétique, des normes liées aux usages définis par le cahier des charges fonctionnelles afin de réaliser les tests",
        en: "Select ageing, EMC and usage-standard tests",
        coverage: Coverage::None,
    },
    Competency {
        id: "C37",
        block: "BC04",
        fr: "Valider la robustesse et la fiabilité de l’objet connecté en assurant sa recette et délivrer la certification sécurité afin de passer à la phase d’industrialisation",
        en: "Validate robustness, run acceptance, deliver security certification",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C38",
        block: "BC05",
        fr: "Animer l’équipe pluridisciplinaire et multiculturelle en identifiant toutes les expertises techniques et technologiques requises afin de concevoir l’objet connecté sécurisé conforme aux usages attendus",
        en: "Lead multidisciplinary, multicultural team; identify required expertise",
        coverage: Coverage::None,
    },
    Competency {
        id: "C39",
        block: "BC05",
        fr: "Déployer les outils de conduite de projet en maîtrisant les coûts, la qualité et les délais, de la conception de l’objet connecté afin de répondre au contrat passé avec le client",
        en: "Deploy project tools controlling cost, quality and deadlines",
        coverage: Coverage::None,
    },
    Competency {
        id: "C40",
        block: "BC05",
        fr: "Manager de manière inclusive les collaborateurs en situation de handicap par exemple, en adaptant les missions des collaborateurs afin qu’ils atteignent les résultats attendus",
        en: "Manage inclusively, adapting disabled collaborators' missions",
        coverage: Coverage::None,
    },
    Competency {
        id: "C41",
        block: "BC05",
        fr: "Etre à l’écoute des problématiques liées aux handicaps en démontrant une action proactive en la matière afin de faciliter l’intégration des collaborateurs",
        en: "Proactively address disability issues to ease integration",
        coverage: Coverage::None,
    },
    Competency {
        id: "C42",
        block: "BC05",
        fr: "Déployer une stratégie de cybersécurité en formant toutes les parties prenantes internes et externes de l’organisation aux enjeux afin qu’elle soit acceptée et mise en œuvre",
        en: "Train internal/external stakeholders so security strategy is adopted",
        coverage: Coverage::Partial,
    },
    Competency {
        id: "C43",
        block: "BC05",
        fr: "Défendre le choix technique et économique de la solution de cybersécurité choisie en en justifiant sa démarche et en démontrant son bénéfice risque afin que les décideurs arrêtent une stratégie financière et commerciale viable pour le déploiement de l’objet connecté",
        en: "Justify the solution's technical/economic risk-benefit to decision-makers",
        coverage: Coverage::Partial,
    },
];

/// The five blocks, BC01..BC05, in order.
pub fn blocks() -> &'static [Block] {
    &BLOCKS
}

/// The 43 competencies, C1..C43, in order.
pub fn competencies() -> &'static [Competency] {
    &COMPETENCIES
}

/// The competency with this exact id ("C14"), if any.
pub fn competency(id: &str) -> Option<&'static Competency> {
    COMPETENCIES.iter().find(|c| c.id == id)
}

/// The block with this exact id ("BC02"), if any.
pub fn block(id: &str) -> Option<&'static Block> {
    BLOCKS.iter().find(|b| b.id == id)
}

/// The block a competency belongs to, if the competency exists.
pub fn block_of(competency_id: &str) -> Option<&'static Block> {
    competency(competency_id).and_then(|c| block(c.block))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True if `s` contains a glued referential label such as "C.5." or "C.16.".
    fn has_glued_label(s: &str) -> bool {
        let b = s.as_bytes();
        (0..b.len()).any(|i| {
            if !b[i..].starts_with(b"C.") {
                return false;
            }
            let digits = b[i + 2..].iter().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && b.get(i + 2 + digits) == Some(&b'.')
        })
    }

    #[test]
    fn forty_three_competencies_in_order_and_unique() {
        let all = competencies();
        assert_eq!(all.len(), 43);
        for (i, c) in all.iter().enumerate() {
            assert_eq!(c.id, format!("C{}", i + 1));
        }
        let mut ids: Vec<&str> = all.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 43);
    }

    #[test]
    fn blocks_and_ranges() {
        let ids: Vec<&str> = blocks().iter().map(|b| b.id).collect();
        assert_eq!(ids, ["BC01", "BC02", "BC03", "BC04", "BC05"]);
        let ranges = [(1, 13), (14, 22), (23, 30), (31, 37), (38, 43)];
        for (b, (lo, hi)) in blocks().iter().zip(ranges) {
            let expected: Vec<String> = (lo..=hi).map(|n| format!("C{n}")).collect();
            assert_eq!(b.competencies, expected.as_slice(), "{}", b.id);
        }
    }

    #[test]
    fn block_lists_match_competency_blocks() {
        for b in blocks() {
            let from_comps: Vec<&str> = competencies().iter().filter(|c| c.block == b.id).map(|c| c.id).collect();
            assert_eq!(b.competencies, from_comps.as_slice(), "{}", b.id);
        }
        for c in competencies() {
            let n = blocks().iter().filter(|b| b.competencies.contains(&c.id)).count();
            assert_eq!(n, 1, "{} must be in exactly one block", c.id);
            assert!(block(c.block).is_some(), "{} has unknown block {}", c.id, c.block);
        }
        let total: usize = blocks().iter().map(|b| b.competencies.len()).sum();
        assert_eq!(total, 43);
    }

    #[test]
    fn texts_non_empty_and_clean() {
        for c in competencies() {
            assert!(!c.fr.trim().is_empty(), "{} fr empty", c.id);
            assert!(!c.en.trim().is_empty(), "{} en empty", c.id);
            assert!(!has_glued_label(c.fr), "{} fr has a glued label", c.id);
            assert_eq!(c.fr, c.fr.trim(), "{} fr has stray whitespace", c.id);
            assert!(!c.fr.starts_with('.'), "{} fr starts with '.'", c.id);
            assert!(!c.fr.contains("  "), "{} fr has a double space", c.id);
        }
        for b in blocks() {
            for s in [b.title_fr, b.title_en, b.note_fr, b.note_en] {
                assert!(!s.trim().is_empty(), "{} has an empty text", b.id);
            }
        }
        assert!(has_glued_label("coûtC.5.Schématiser"));
        assert!(has_glued_label("cyber.C.16. Concevoir"));
        assert!(!has_glued_label("C14 à C23"));
    }

    #[test]
    fn verbatim_spot_checks() {
        let c14 = competency("C14").unwrap();
        assert!(c14.fr.starts_with("Déployer le protocole de cryptographie"));
        assert!(c14.fr.ends_with("afin de sécuriser l’objet connecté"));
        assert_eq!(
            competency("C4").unwrap().fr,
            "Définir un profil d’usage sécuritaire en prenant en compte les usages et l’évaluation de sécurité attendue face aux attaques physiques, afin de préfigurer le juste niveau de sécurité au juste coût"
        );
        assert!(competency("C5").unwrap().fr.starts_with("Schématiser et concevoir"));
        let c15 = competency("C15").unwrap();
        assert!(c15.fr.starts_with("(a) Identifier les mécanismes, les outils d’intrusion"));
        assert!(c15.fr.contains(" (b) Établir une veille technologique"));
        assert!(c15.fr.ends_with("face aux menaces cyber."));
        assert!(competency("C16").unwrap().fr.starts_with("Concevoir la meilleure stratégie"));
        assert!(competency("C23").unwrap().fr.starts_with("Implémenter la représentation des données"));
        assert!(competency("C27").unwrap().fr.starts_with("Déployer une infrastructure de type linux"));
        assert!(competency("C31").unwrap().fr.starts_with("Assurer la veille technologique et réglementaire"));
        assert!(competency("C38").unwrap().fr.starts_with("Animer l’équipe pluridisciplinaire"));
        assert!(competency("C42").unwrap().fr.starts_with("Déployer une stratégie de cybersécurité en formant"));
        assert!(competency("C43").unwrap().fr.starts_with("Défendre le choix technique et économique"));
        assert_eq!(block("BC04").unwrap().title_fr, "Réaliser les tests pour un objet connecté sécurisé et robuste pour lancer la phase de pré-industrialisation");
    }

    #[test]
    fn coverage_spot_checks() {
        assert_eq!(competency("C7").unwrap().coverage, Coverage::Partial);
        assert_eq!(competency("C27").unwrap().coverage, Coverage::None);
        assert_eq!(competency("C14").unwrap().coverage, Coverage::Full);
        assert_eq!(competency("C15").unwrap().coverage, Coverage::Full);
        assert_eq!(competency("C28").unwrap().coverage, Coverage::Partial);
        assert_eq!(competency("C36").unwrap().coverage, Coverage::None);
        let full: Vec<&str> = competencies().iter().filter(|c| c.coverage == Coverage::Full).map(|c| c.id).collect();
        assert_eq!(full, ["C14", "C15", "C23", "C24", "C33"]);
        assert_eq!(Coverage::Full.symbol(), "✔");
        assert_eq!(Coverage::Partial.symbol(), "◐");
        assert_eq!(Coverage::None.symbol(), "✘");
    }

    #[test]
    fn lookups() {
        assert!(competency("C99").is_none());
        assert!(competency("c14").is_none());
        assert!(competency("C1 ").is_none());
        assert_eq!(competency("C14").unwrap().id, "C14");
        assert_eq!(block_of("C23").unwrap().id, "BC03");
        assert_eq!(block_of("C22").unwrap().id, "BC02");
        assert_eq!(block_of("C1").unwrap().id, "BC01");
        assert_eq!(block_of("C43").unwrap().id, "BC05");
        assert!(block_of("C99").is_none());
        assert!(block("BC06").is_none());
        assert_eq!(block("BC05").unwrap().competencies.len(), 6);
    }
}
