/** Why the store refused a change or could not keep it (each with a French message for the logs and the user). */
export class StorageError extends Error {}

/** A user record larger than the store accepts: nothing was written, the stored record is unchanged. */
export class RecordTooLargeError extends StorageError {
  override readonly name = 'RecordTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`La fiche de l'utilisateur dépasserait la taille maximale (${bytes} octets pour ${limit} au plus) : le changement est refusé, rien n'est écrit.`);
  }
}

/** A record under the id of a user whose data was erased: refused, so that nothing of the old id comes back. */
export class ErasedUserError extends StorageError {
  override readonly name = 'ErasedUserError';
  constructor() {
    super("Les données de cet utilisateur ont été effacées : aucune fiche ne peut être recréée sous le même identifiant.");
  }
}

/**
 * Another server changed the same data first (PostgreSQL with several servers): nothing of the
 * batch was written. The caller reloads what it read and tries again (see Records.update).
 */
export class WriteConflictError extends StorageError {
  override readonly name = 'WriteConflictError';
  /** The user whose record it was, when it was one. */
  readonly userId: string | undefined;
  constructor(readonly what: string) {
    super(`Conflit d'écriture (${what}) : un autre serveur a changé ces données en même temps ; rien n'est écrit.`);
    this.userId = what.startsWith('users ') ? what.slice('users '.length) : undefined;
  }
}

/**
 * The database cannot be reached now (connection refused or lost, server shutting down): nothing
 * of the batch was written. A turn tries again a few times, then tells the user to wait a moment.
 */
export class StorageUnavailableError extends StorageError {
  override readonly name = 'StorageUnavailableError';
  constructor(readonly reason: string) {
    super(`Base de données injoignable (${reason}) : rien n'est écrit ; nouvel essai dans un instant.`);
  }
}
