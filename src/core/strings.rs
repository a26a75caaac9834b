//! Every interface string of the lab, in French and English. One macro makes the enum, the
//! list of all strings and the lookup, so a string cannot exist in one language only.

use crate::core::i18n::Lang;

macro_rules! strings {
    ($($name:ident => $fr:expr, $en:expr;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum S { $($name),* }

        impl S {
            pub const ALL: &'static [S] = &[$(S::$name),*];

            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((S::$name, Lang::Fr) => $fr, (S::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

strings! {
    AppName => "SecLab", "SecLab";
    Tagline => "Labo de sécurité des objets connectés, dans votre navigateur", "Security lab for connected objects, in your browser";
    SkipToContent => "Aller au contenu", "Skip to content";
    NavMain => "Navigation principale", "Main navigation";
    NavHome => "Accueil", "Home";
    NavProgress => "Progression", "Progress";
    NavSettings => "Réglages", "Settings";
    Language => "Langue", "Language";
    LanguageSwitch => "English", "Français";
    LanguageSwitchLabel => "Switch to English", "Passer en français";
    Loading => "Chargement des exercices…", "Loading the exercises…";
    PackFailed => "Le catalogue d'exercices n'a pas pu être chargé.", "The exercise catalogue could not be loaded.";
    BannerBrokenFiles => "Des fichiers d'exercices n'ont pas pu être chargés ; les autres exercices fonctionnent.", "Some exercise files could not be loaded; the other exercises work.";
    BannerDetails => "Détails", "Details";
    Tracks => "Parcours", "Tracks";
    ContinueWhereIWas => "Reprendre où j'en étais", "Continue where I was";
    StartHere => "Commencez par un parcours ci-dessous.", "Start with a track below.";
    ExercisesCount => "exercices", "exercises";
    Solved => "résolus", "solved";
    SolvedOne => "Résolu", "Solved";
    Attempted => "commencés", "attempted";
    AttemptedOne => "Commencé", "Attempted";
    NotStarted => "À faire", "Not started";
    Score => "Score", "Score";
    Points => "points", "points";
    Difficulty => "Difficulté", "Difficulty";
    Minutes => "min", "min";
    Competencies => "Compétences RNCP40345", "RNCP40345 competencies";
    Recommended => "Conseillé avant", "Recommended first";
    NotFound => "Cette page n'existe pas.", "This page does not exist.";
    ExerciseNotFound => "Cet exercice n'existe pas dans le catalogue.", "This exercise is not in the catalogue.";
    TrackNotFound => "Ce parcours n'existe pas.", "This track does not exist.";
    BackToTracks => "Retour aux parcours", "Back to the tracks";
    Statement => "Énoncé", "Statement";
    OtherLanguageNotice => "Ce texte n'existe qu'en anglais.", "This text exists in French only.";
    Lab => "Laboratoire", "Lab";
    Questions => "Questions", "Questions";
    Question => "Question", "Question";
    YourAnswer => "Votre réponse", "Your answer";
    Submit => "Valider", "Submit";
    Correct => "Juste !", "Correct!";
    Wrong => "Ce n'est pas la bonne réponse. Réessayez.", "That is not the right answer. Try again.";
    Attempts => "tentatives", "attempts";
    Unit => "Unité", "Unit";
    TickAll => "Cochez toutes les bonnes réponses.", "Tick every right answer.";
    TickOne => "Choisissez une réponse.", "Choose one answer.";
    GridCaption => "Choisissez une valeur par cellule ; chaque cellule juste affiche sa justification.", "Choose one value per cell; each right cell shows its reason.";
    GridChoose => "— choisir —", "— choose —";
    CellRight => "juste", "right";
    CellWrong => "faux", "wrong";
    Hints => "Indices", "Hints";
    RevealHint => "Révéler l'indice suivant", "Reveal the next hint";
    HintCost => "coûte", "costs";
    NoMoreHints => "Tous les indices sont révélés.", "All hints are revealed.";
    NoHints => "Pas d'indice pour cet exercice.", "No hints for this exercise.";
    Solution => "Solution", "Solution";
    SolutionLocked => "La solution s'affiche une fois l'exercice résolu.", "The solution shows once the exercise is solved.";
    GiveUp => "Abandonner et voir la solution", "Give up and see the solution";
    GaveUp => "Vous avez abandonné cet exercice ; la solution est affichée.", "You gave up on this exercise; the solution is shown.";
    ExerciseSolved => "Exercice résolu !", "Exercise solved!";
    ProgressTitle => "Votre progression", "Your progress";
    ProgressLocalNote => "La progression reste dans ce navigateur. Effacer les données du site l'efface : exportez-la régulièrement.", "Progress stays in this browser. Clearing the site's data erases it: export it regularly.";
    Export => "Exporter (JSON)", "Export (JSON)";
    Import => "Importer un export", "Import an export";
    ImportDone => "Import réussi", "Import done";
    ImportAdded => "exercices ajoutés", "exercises added";
    ImportUpdated => "mis à jour", "updated";
    ImportUnchanged => "inchangés", "unchanged";
    ImportFailed => "Import refusé, rien n'a été modifié :", "Import refused, nothing was changed:";
    Track => "Parcours", "Track";
    Total => "Total", "Total";
    ColExercises => "Exercices", "Exercises";
    ColSolved => "Résolus", "Solved";
    ColAttempted => "Commencés", "Attempted";
    SettingsTitle => "Réglages", "Settings";
    Theme => "Thème", "Theme";
    ThemeLight => "Clair", "Light";
    ThemeDark => "Sombre", "Dark";
    ThemeContrast => "Contraste élevé", "High contrast";
    StorageUnreadable => "Votre progression enregistrée n'a pas pu être lue. Elle est conservée à part, intacte ; téléchargez-la pour la garder ou la faire examiner.", "Your saved progress could not be read. It is kept aside, untouched; download it to keep it or have it looked at.";
    DownloadKeptAside => "Télécharger la progression mise à part", "Download the progress kept aside";
    StorageFull => "Le stockage du navigateur est plein : la progression n'a pas pu être enregistrée. Exportez-la maintenant.", "The browser's storage is full: progress could not be saved. Export it now.";
    StorageUnavailable => "Le stockage du navigateur est indisponible : la progression ne sera pas conservée après fermeture. Exportez-la.", "The browser's storage is unavailable: progress will not survive closing the tab. Export it.";
    Dismiss => "Fermer", "Dismiss";
    Run => "Lancer", "Run";
    Stop => "Arrêter", "Stop";
    PreparingInstance => "Préparation de votre instance dans le worker…", "Preparing your instance in the worker…";
    Result => "Résultat", "Result";
    Error => "Erreur", "Error";
    YourInstance => "Les valeurs de l'énoncé sont propres à vous : votre réponse ne vaut que pour votre instance.", "The values in the statement are yours alone: your answer is only valid for your instance.";
    Colon => " : ", ": ";
    NavWorkbench => "Atelier", "Workbench";
    WorkbenchTitle => "Atelier cryptographique", "Crypto workbench";
    WorkbenchIntro => "Les primitives du labo, à essayer sur vos propres valeurs. Chaque outil reproduit un vecteur publié (cité sous l'outil) : commencez par le vérifier.", "The lab's primitives, to try on your own values. Each tool reproduces a published vector (cited below it): check it first.";
    WorkbenchTool => "Outil", "Tool";
    WorkbenchStandard => "Vecteurs de test", "Test vectors";
    WorkbenchHeavy => "Calcul lourd : il tourne dans un worker, la page reste réactive.", "Heavy computation: it runs in a worker, the page stays responsive.";
    WorkbenchRunning => "Calcul en cours dans le worker…", "Computing in the worker…";
    WorkbenchElapsed => "Durée", "Took";
    WorkbenchWorkerFailed => "Le worker n'a pas pu démarrer.", "The worker could not start.";
    OpenInWorkbench => "Ouvrir dans l'atelier avec mes valeurs", "Open in the workbench with my values";
    KeygenProgress => "Recherche des nombres premiers", "Searching for primes";
    KeygenCandidates => "Candidats testés", "Candidates tested";
    KeygenPrimes => "Premiers trouvés", "Primes found";
    KeygenUseKey => "Utiliser cette clé dans", "Use this key in";
    QueriesUsed => "Requêtes à la passerelle", "Queries to the gateway";
    BudgetExhausted => "Budget de requêtes épuisé : la passerelle ne répond plus. Un attaquant réel serait détecté ; relisez les indices ou abandonnez pour voir la solution.", "Query budget spent: the gateway no longer answers. A real attacker would have been noticed; read the hints again or give up to see the solution.";
    FleetTitle => "La flotte d'un coup d'œil", "The fleet at a glance";
    FleetHelp => "Compromettez un objet ou le serveur sous un schéma : chaque objet de la flotte est marqué exposé (trame lue ou usurpée) ou sûr.", "Compromise a device or the server under a scheme: each device of the fleet is marked exposed (frame read or impersonated) or safe.";
    FleetScheme => "Schéma de clés", "Key scheme";
    FleetBreach => "Ce que l'attaquant compromet", "What the attacker compromises";
    FleetServer => "le serveur", "the server";
    FleetButton => "Afficher la flotte", "Show the fleet";
    FleetExposed => "exposé", "exposed";
    FleetSafe => "sûr", "safe";
    FleetCount => "objets exposés", "devices exposed";
    KexTitle => "Simulation : Alice, Mallory, Bob", "Simulation: Alice, Mallory, Bob";
    KexHelp => "Chaque message passe par Mallory, c'est-à-dire par vous. Décidez de ce que vous en faites : le diagramme et ce que chacun sait se mettent à jour.", "Every message goes through Mallory, that is, through you. Decide what to do with it: the diagram and what each party knows update.";
    CaptureHelp => "Flèches haut et bas dans une liste pour passer d'une trame ou d'un champ à l'autre ; les octets du champ courant sont surlignés.", "Up and down arrows in a list move from frame to frame or field to field; the bytes of the current field are highlighted.";
    CaptureChoice => "Capture", "Capture";
    CaptureFilter => "Type de trame", "Frame type";
    CaptureAllTypes => "Tous les types", "All types";
    CaptureFrames => "Trames de la capture", "Frames of the capture";
    CaptureFrame => "Trame", "Frame";
    CaptureTime => "Temps (s)", "Time (s)";
    CaptureDirection => "Sens", "Direction";
    CaptureEndpoints => "Source → destination", "Source → destination";
    CaptureType => "Type", "Type";
    CaptureSummary => "Résumé", "Summary";
    CaptureUp => "montant", "up";
    CaptureDown => "descendant", "down";
    CaptureFields => "Champs décodés", "Decoded fields";
    CaptureBytesTitle => "Octets", "Bytes";
    CaptureBytes => "octets", "bytes";
    CaptureTo => "à", "to";
    CaptureHint => "Survolez un champ ou parcourez-les au clavier pour voir ses octets.", "Point at a field or move through them with the keyboard to see its bytes.";
    KexDiagram => "Diagramme de séquence des messages", "Sequence diagram of the messages";
    KexMessage => "Message", "Message";
    KexNoMessage => "Aucun message n'est encore passé.", "No message has passed yet.";
    KexAlice => "Alice (capteur)", "Alice (sensor)";
    KexBob => "Bob (passerelle)", "Bob (gateway)";
    KexMallory => "Mallory (vous)", "Mallory (you)";
    KexMsgAliceKey => "clé publique éphémère d'Alice", "Alice's ephemeral public key";
    KexMsgBobKey => "clé publique éphémère de Bob", "Bob's ephemeral public key";
    KexMsgReading => "relevé scellé (nonce ‖ ChaCha20-Poly1305)", "sealed reading (nonce ‖ ChaCha20-Poly1305)";
    KexSigned => "‖ signature Ed25519", "‖ Ed25519 signature";
    KexSent => "envoyé", "sent";
    KexArrived => "arrivé", "arrived";
    KexLost => "rien n'arrive", "nothing arrives";
    KexForwarded => "transmis", "forwarded";
    KexReplaced => "remplacé", "replaced";
    KexDropped => "supprimé", "dropped";
    KexControls => "Décision de Mallory", "Mallory's decision";
    KexNext => "Message suivant", "Next message";
    KexFinished => "L'échange est terminé. Recommencez pour essayer d'autres décisions.", "The exchange is over. Restart to try other decisions.";
    KexForward => "Transmettre", "Forward";
    KexReplace => "Remplacer", "Replace";
    KexDrop => "Supprimer", "Drop";
    KexRestart => "Recommencer", "Restart";
    KexEphemeral => "Clé publique éphémère", "Ephemeral public key";
    KexPeer => "Clé reçue comme celle de l'autre partie", "Key received as the other party's";
    KexVerified => "Signature vérifiée avec la clé d'identité épinglée", "Signature checked with the pinned identity key";
    KexValid => "valide", "valid";
    KexInvalid => "INVALIDE", "INVALID";
    KexSessionKey => "Clé de session", "Session key";
    KexReadingReceived => "Relevé reçu", "Reading received";
    KexKeyWithAlice => "Clé de session partagée avec Alice", "Session key shared with Alice";
    KexKeyWithBob => "Clé de session partagée avec Bob", "Session key shared with Bob";
    KexDecrypted => "Relevé déchiffré par Mallory", "Reading Mallory decrypted";
    KexNone => "(rien)", "(nothing)";
    KexOutcome => "Résultat", "Outcome";
    KexWaiting => "En attente de votre décision.", "Waiting for your decision.";
    KexDelivered => "Session établie : Bob a reçu le relevé et Mallory n'a rien pu lire.", "Session established: Bob received the reading and Mallory could read nothing.";
    KexDeliveredRead => "Bob a accepté le relevé sans rien remarquer, mais Mallory l'a lu en chemin.", "Bob accepted the reading without noticing anything, but Mallory read it on the way.";
    KexAbortedBob => "Bob abandonne : la clé reçue n'est pas signée par l'identité épinglée d'Alice.", "Bob aborts: the key he received is not signed by Alice's pinned identity.";
    KexAbortedAlice => "Alice abandonne : la clé reçue n'est pas signée par l'identité épinglée de Bob.", "Alice aborts: the key she received is not signed by Bob's pinned identity.";
    KexAlertCode => "Code d'alerte", "Alert code";
    KexRefused => "Bob rejette le relevé : l'étiquette Poly1305 ne correspond pas à sa clé de session.", "Bob rejects the reading: the Poly1305 tag does not match his session key.";
    KexDroppedOutcome => "Le message n'est jamais arrivé : pas de session.", "The message never arrived: no session.";
    Footer => "Les résultats sont formatifs : ils se vérifient, mais ne remplacent pas l'évaluation d'un jury.", "Results are formative: they can be checked, but do not replace a jury's assessment.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for s in S::ALL {
            for lang in Lang::ALL {
                assert!(!s.get(lang).trim().is_empty(), "{s:?} is empty in {lang:?}");
            }
        }
        assert!(S::ALL.len() > 50);
    }
}
