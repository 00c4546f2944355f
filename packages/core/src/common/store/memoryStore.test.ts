import { describeStoreContract } from './__fixtures__/storeContract.js';
import { MemoryStore } from './memoryStore.js';

describeStoreContract('MemoryStore', async (initial) => new MemoryStore(initial));
