package io.batchrender.storage;

/** What a container SAS lets a job do. */
public enum ContainerAccess {
    /** Read and list: the asset project a job's nodes download. */
    READ_LIST,
    /** Write (create, add, write, list): the output container a job's tasks upload to. */
    WRITE
}
