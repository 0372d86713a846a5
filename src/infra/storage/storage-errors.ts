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
