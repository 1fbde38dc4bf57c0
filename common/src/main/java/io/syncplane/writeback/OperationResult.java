package io.syncplane.writeback;

/**
 * What Google answered to an applied operation.
 *
 * @param itemId  Google's id of the item (the new id of a created contact or task)
 * @param etag    Google's new etag (Gmail: the message's historyId); null after a delete
 * @param version the item's feed version (change_seq) once Syncplane stored Google's answer; null after a delete of
 *                an item Syncplane never had
 */
public record OperationResult(String itemId, String etag, Long version) {
}
